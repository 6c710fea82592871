"use client";

// One "add a step" menu for the whole canvas, opened at whichever "+" button was pressed. A menu per node
// and per edge would mount hundreds of Radix menus on a 200-step workflow.
import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { STEP_TYPE_LABELS } from "@/components/runs/run-format";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { STEP_TYPES, type TStepType } from "@/lib/schemas/workflow";
import type { TAttachPoint } from "./graph-ops";
import { STEP_ICONS } from "./node-meta";

export type TAttachChoice = { point: TAttachPoint; label: string };

type TMenuRequest = {
  /** The id of the "+" button: it names the menu, and focus returns to it on close. */
  buttonId: string;
  button: HTMLElement;
  choices: TAttachChoice[];
};

type TOpenMenu = (request: TMenuRequest) => void;

/** Which button's menu is open, kept outside React state so only that button re-renders (aria-expanded). */
function createOpenStore() {
  let openId: string | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => openId,
    set(id: string | null) {
      openId = id;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

type TMenuApi = { open: TOpenMenu; store: ReturnType<typeof createOpenStore> };

const AddStepMenuContext = createContext<TMenuApi | null>(null);

/** For a "+" button: whether its menu is open, and how to open it. */
export function useAddStepMenu(buttonId: string): { expanded: boolean; open: TOpenMenu } {
  const api = useContext(AddStepMenuContext);
  if (!api) throw new Error("useAddStepMenu outside AddStepMenuHost");
  const expanded = useSyncExternalStore(api.store.subscribe, () => api.store.get() === buttonId, () => false);
  return { expanded, open: api.open };
}

const GAP = 8;
const subscribeToNothing = () => () => {};

type THostProps = {
  onAddStep: (at: TAttachPoint, type: TStepType) => void;
  /** The canvas: the menu stays below its top edge, so it never covers the editor's toolbar above it. */
  bounds: React.RefObject<HTMLElement | null>;
  children: React.ReactNode;
};

export function AddStepMenuHost({ onAddStep, bounds, children }: THostProps) {
  const [request, setRequest] = useState<(TMenuRequest & { rect: DOMRect; top: number }) | null>(null);
  const [open, setOpen] = useState(false);
  const [store] = useState(createOpenStore);

  const openMenu = useCallback<TOpenMenu>(
    (next) => {
      const rect = next.button.getBoundingClientRect();
      setRequest({ ...next, rect, top: (bounds.current?.getBoundingClientRect().top ?? 0) + GAP });
      setOpen(true);
      store.set(next.buttonId);
    },
    [bounds, store],
  );
  const api = useMemo<TMenuApi>(() => ({ open: openMenu, store }), [openMenu, store]);
  const mounted = useSyncExternalStore(subscribeToNothing, () => true, () => false);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) store.set(null);
  }

  const padding = { top: request?.top ?? GAP, right: GAP, bottom: GAP, left: GAP };
  return (
    <AddStepMenuContext.Provider value={api}>
      {children}
      {/* Mounted from the start, so Radix has seen the key press that opens it and focuses the first item. */}
      {mounted &&
        createPortal(
          <DropdownMenu open={open && request !== null} onOpenChange={onOpenChange}>
            {/* The menu's anchor: an inert box over the pressed button (Radix positions a menu at its trigger). */}
            <DropdownMenuTrigger asChild>
              <span
                aria-hidden
                className="pointer-events-none fixed"
                style={request ? { left: request.rect.left, top: request.rect.top, width: request.rect.width, height: request.rect.height } : { left: 0, top: 0 }}
              />
            </DropdownMenuTrigger>
            {request && (
              <DropdownMenuContent
                align="center"
                aria-labelledby={request.buttonId}
                collisionPadding={padding}
                onKeyDown={(event) => event.stopPropagation()}
                onCloseAutoFocus={(event) => {
                  event.preventDefault();
                  if (request.button.isConnected) request.button.focus();
                }}
              >
                {request.choices.length === 1 ? (
                  <StepTypeItems onChoose={(type) => onAddStep(request.choices[0].point, type)} />
                ) : (
                  request.choices.map(({ point, label }) => (
                    <DropdownMenuSub key={point.branch ?? "next"}>
                      <DropdownMenuSubTrigger>{label}</DropdownMenuSubTrigger>
                      <DropdownMenuSubContent collisionPadding={padding}>
                        <StepTypeItems onChoose={(type) => onAddStep(point, type)} />
                      </DropdownMenuSubContent>
                    </DropdownMenuSub>
                  ))
                )}
              </DropdownMenuContent>
            )}
          </DropdownMenu>,
          document.body,
        )}
    </AddStepMenuContext.Provider>
  );
}

function StepTypeItems({ onChoose }: { onChoose: (type: TStepType) => void }) {
  return STEP_TYPES.map((type) => {
    const Icon = STEP_ICONS[type];
    return (
      <DropdownMenuItem key={type} onSelect={() => onChoose(type)}>
        <Icon aria-hidden />
        {STEP_TYPE_LABELS[type]}
      </DropdownMenuItem>
    );
  });
}
