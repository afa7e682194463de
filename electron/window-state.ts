// The window opens where the person left it: size, place, and whether it was maximized. The size is
// always restored (shrunk to fit the largest display connected now); the place only when the title
// bar can still be reached on a display connected now, so a window partly off screen or across two
// monitors stays where it was, but a laptop undocked from its second screen never opens its window
// out of reach: that one is centred.
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import { z } from 'zod';
import { readSettingsFile, writeSettingsFile } from './settings-file';

const windowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof windowState>;

export const windowStateFile = (userData: string) => path.join(userData, 'window-state.json');

/** Saving on every pixel of a drag would write hundreds of times: once it has settled is enough. */
const SETTLE_MS = 500;

/** The strip at the top of the window a person drags it by. */
const TITLE_BAR_HEIGHT = 40;
/** How much of that strip must be on a display to be caught with the mouse. */
const GRIP_WIDTH = 40;

/** Whether the window's title bar is (partly) on the work area (the screen without task bar or dock) of a display. */
export function titleBarReachable(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some((area) => {
    const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
    const height = Math.min(bounds.y + TITLE_BAR_HEIGHT, area.y + area.height) - Math.max(bounds.y, area.y);
    return width >= Math.min(GRIP_WIDTH, bounds.width) && height > 0;
  });
}

/** Where the window opens: the remembered size (at most the largest display), at its place when reachable, else centred on the first display. */
export function placeWindow(state: WindowState, workAreas: readonly Rectangle[]): WindowState | null {
  const [first] = workAreas;
  if (!first) return null;
  const largest = workAreas.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const width = Math.min(state.width, largest.width);
  const height = Math.min(state.height, largest.height);
  const sized = { ...state, width, height };
  if (titleBarReachable(sized, workAreas)) return sized;
  const centreOn = width <= first.width && height <= first.height ? first : largest;
  return {
    ...sized,
    x: centreOn.x + Math.floor((centreOn.width - width) / 2),
    y: centreOn.y + Math.floor((centreOn.height - height) / 2),
  };
}

/** The remembered state placed on the displays connected now, or null (never saved, unreadable, no display). */
export function restoredWindowState(userData: string, workAreas: readonly Rectangle[]): WindowState | null {
  const state = readSettingsFile(windowStateFile(userData), windowState);
  return state ? placeWindow(state, workAreas) : null;
}

/** Saves the window's state when it settles after a move or resize, and at once when it closes. */
export function rememberWindowState(window: BrowserWindow, userData: string): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    // The normal bounds, also when maximized or full screen: what the window returns to.
    const { x, y, width, height } = window.getNormalBounds();
    try {
      writeSettingsFile(windowStateFile(userData), { x, y, width, height, maximized: window.isMaximized() });
    } catch (error) {
      // Not worth a dialog: the window simply opens in its default place next time.
      console.error(`BoEx Register: the window's place could not be saved (${error instanceof Error ? error.message : String(error)})`);
    }
  };
  const settle = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SETTLE_MS);
  };
  window.on('resize', settle);
  window.on('move', settle);
  window.on('maximize', settle);
  window.on('unmaximize', settle);
  window.on('close', save);
}
