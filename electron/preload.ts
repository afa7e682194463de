// The page's only door to the main process: one function per call of the contract, each bound to
// its own channel, so the page never holds ipcRenderer and cannot reach any other channel.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, channelOf, type PreloadApi } from '../shared/api';

const boex = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown, lang: unknown) => ipcRenderer.invoke(channelOf(name), input, lang)]),
) as PreloadApi;

contextBridge.exposeInMainWorld('boex', boex);
