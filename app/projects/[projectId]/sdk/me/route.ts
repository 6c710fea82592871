// PATCH /projects/:projectId/sdk/me — the SDK's setUserMetadata(meta): merge into the signed-in user's metadata
// (as the reference product's path), including `providerIds`, by which webhook deliveries are routed to them.
import { updateUserMetadata } from "@/lib/connected-users/update-user-metadata";
import { sdkPreflight, sdkRoute, toRouteHandler } from "@/lib/http/sdk-route";
import { ZUpdateUserMetadataRequest } from "@/lib/schemas/connected-user";

export const PATCH = toRouteHandler(
  sdkRoute({ body: ZUpdateUserMetadataRequest }, async ({ config, userId, body }) => {
    return { status: 200, body: await updateUserMetadata({ projectId: config.projectId, externalId: userId, meta: body.meta }) };
  }),
);

export const OPTIONS = sdkPreflight;
