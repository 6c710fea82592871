import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

/** How a backend mints user tokens; the same shape the reference product's customers already use. */
export function SdkSnippet({ projectId }: { projectId: string }) {
  const code = `// On your server (Node.js), with the private key from "Generate key pair":
import { SignJWT, importPKCS8 } from "jose";

const privateKey = await importPKCS8(process.env.SWITCHYARD_SIGNING_KEY, "RS256");
const userToken = await new SignJWT({})
  .setProtectedHeader({ alg: "RS256" })
  .setSubject(user.id)          // your user's id
  .setIssuedAt()
  .setExpirationTime("1h")
  .sign(privateKey);

// In the browser:
switchyard.authenticate("${projectId}", userToken);`;
  return (
    <Card>
      <CardHeader title="Sign user tokens" description="Each request from your app to the SDK endpoints carries a user token." actions={<CopyButton value={code} label="Copy snippet" />} />
      <CardBody>
        <pre className="overflow-x-auto rounded-md bg-neutral-900 p-4 font-mono text-xs leading-relaxed text-neutral-50">{code}</pre>
      </CardBody>
    </Card>
  );
}
