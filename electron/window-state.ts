// The window opens where the person left it: size, place, and whether it was maximized. The place
// is only restored when it still fits on a display connected now (a laptop undocked from its second
// screen must not open its window off screen).
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

/** Entirely inside the work area (the screen without task bar or dock) of one display. */
export function fitsOnDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some(
    (area) =>
      bounds.x >= area.x &&
      bounds.y >= area.y &&
      bounds.x + bounds.width <= area.x + area.width &&
      bounds.y + bounds.height <= area.y + area.height,
  );
}

/** The remembered state, or null (never saved, unreadable, or on no display connected now). */
export function restoredWindowState(userData: string, workAreas: readonly Rectangle[]): WindowState | null {
  const state = readSettingsFile(windowStateFile(userData), windowState);
  if (!state) return null;
  return fitsOnDisplay(state, workAreas) ? state : null;
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
