import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { cadesDetached } from './cms';
import { assertValidAt, openCredential, type SigningCredential } from './credential';
import { appendSignaturePlaceholder, type SignatureDetails } from './placeholder';

export type { SignatureDetails } from './placeholder';

/**
 * Signs a rendered letter with a PKCS#12 certificate: a PAdES signature (ETSI.CAdES.detached)
 * over the whole file. To sign a batch, open the certificate once with openCredential and use
 * signPdfWith: opening decrypts the file, which costs more than signing a letter.
 */
export async function signPdf(pdf: Buffer, p12: Buffer, password: string, details: SignatureDetails): Promise<Buffer> {
  return signPdfWith(pdf, openCredential(p12, password), details);
}

export async function signPdfWith(pdf: Buffer, credential: SigningCredential, details: SignatureDetails): Promise<Buffer> {
  assertValidAt(credential, details.signingTime);
  // Room for the certificates, the RSA signature and the CMS structure around them.
  const room = credential.certificate.length + credential.chain.reduce((sum, der) => sum + der.length, 0) + 4096;
  const prepared = appendSignaturePlaceholder(pdf, details, room);
  return new SignPdf().sign(prepared, new CadesSigner(credential));
}

class CadesSigner extends Signer {
  constructor(private readonly credential: SigningCredential) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    return cadesDetached(content, this.credential);
  }
}
