import { finding, type Finding } from './findings';
import { transcriptMissing } from './messages';

/** "Your grade can only be registered in uSis after sending a certified document with your grade." */
export function transcriptFinding(hasCertifiedTranscript: boolean): Finding[] {
  return hasCertifiedTranscript ? [] : [finding('transcript.certified', transcriptMissing())];
}
