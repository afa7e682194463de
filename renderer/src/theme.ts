import { createTheme, type MantineColorsTuple } from '@mantine/core';

// Leiden blue, from light to dark; the university's own colour keeps the app at home beside its other tools.
const leiden: MantineColorsTuple = [
  '#eef1fb', '#d9def2', '#afbbe6', '#8396da', '#5e77cf', '#4664c9', '#3859c7', '#2a49b0', '#21409e', '#001158',
];

export const theme = createTheme({
  primaryColor: 'leiden',
  primaryShade: 7,
  colors: { leiden },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
  headings: { fontWeight: '600' },
  defaultRadius: 'sm',
  focusRing: 'always',
  cursorType: 'pointer',
});
