import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { formatLongDate } from '../../shared/rules';
import type { CmsSigner } from './cms';
import { PdfError } from './errors';

/** A PKCS#12 file opened with its password: the key and certificates, nothing that could leak it. */
export interface SigningCredential extends CmsSigner {
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * Opens a PKCS#12 (.p12/.pfx) file. The password is used here and nowhere else: it is not kept in
 * the result, not put in an error, not logged. A certificate that has expired (or is not valid yet)
 * at `now` is refused: a letter signed with it would be reported as invalid to the student.
 */
export function openCredential(p12: Buffer, password: string, now: Date = new Date()): SigningCredential {
  const pfx = readPkcs12(p12, password);
  const key = privateKey(pfx);
  const certificates = certificatesOf(pfx);
  const own = certificates.find((certificate) => certificate.x509.checkPrivateKey(key));
  if (!own) {
    throw new PdfError('certificate_no_key', {
      en: 'The certificate file holds no private key that belongs to a certificate in it.',
      nl: 'Het certificaatbestand bevat geen persoonlijke sleutel die bij een certificaat in het bestand hoort.',
    });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new PdfError('certificate_unsupported_key', {
      en: `The certificate has a ${key.asymmetricKeyType ?? 'unknown'} key; letters can only be signed with an RSA key.`,
      nl: `Het certificaat heeft een ${key.asymmetricKeyType ?? 'onbekende'} sleutel; brieven kunnen alleen met een RSA-sleutel worden ondertekend.`,
    });
  }
  const credential: SigningCredential = {
    key,
    certificate: own.der,
    chain: certificates.filter((certificate) => certificate !== own).map((certificate) => certificate.der),
    subject: own.x509.subject,
    notBefore: new Date(own.x509.validFrom),
    notAfter: new Date(own.x509.validTo),
  };
  assertValidAt(credential, now);
  return credential;
}

export function assertValidAt(credential: SigningCredential, moment: Date): void {
  const day = (date: Date): { en: string; nl: string } => {
    const iso = date.toISOString().slice(0, 10);
    return { en: formatLongDate(iso, 'en'), nl: formatLongDate(iso, 'nl') };
  };
  if (moment > credential.notAfter) {
    const { en, nl } = day(credential.notAfter);
    throw new PdfError('certificate_expired', {
      en: `The certificate expired on ${en}; letters cannot be signed with it.`,
      nl: `Het certificaat is op ${nl} verlopen; er kunnen geen brieven mee worden ondertekend.`,
    });
  }
  if (moment < credential.notBefore) {
    const { en, nl } = day(credential.notBefore);
    throw new PdfError('certificate_not_yet_valid', {
      en: `The certificate is only valid from ${en}; letters cannot be signed with it yet.`,
      nl: `Het certificaat is pas geldig vanaf ${nl}; er kunnen nog geen brieven mee worden ondertekend.`,
    });
  }
}

function readPkcs12(p12: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  let der: forge.asn1.Asn1;
  try {
    der = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  } catch (cause) {
    throw notPkcs12(cause);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(der, false, password);
  } catch (cause) {
    // forge checks the file's MAC before anything else; only that failure means a wrong password.
    if (cause instanceof Error && /MAC could not be verified/.test(cause.message)) {
      throw new PdfError('certificate_password', {
        en: 'The password of the certificate is not correct.',
        nl: 'Het wachtwoord van het certificaat is niet juist.',
      });
    }
    throw notPkcs12(cause);
  }
}

function notPkcs12(cause: unknown): PdfError {
  return new PdfError(
    'certificate_not_p12',
    {
      en: 'The certificate file is not a PKCS#12 file (.p12 or .pfx).',
      nl: 'Het certificaatbestand is geen PKCS#12-bestand (.p12 of .pfx).',
    },
    { cause },
  );
}

const toDer = (node: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

function privateKey(pfx: forge.pkcs12.Pkcs12Pfx): KeyObject {
  const { oids } = forge.pki;
  const bags = [oids.pkcs8ShroudedKeyBag, oids.keyBag].flatMap((bagType) => (bagType ? pfx.getBags({ bagType })[bagType] ?? [] : []));
  const bag = bags[0];
  if (bag?.key) return createPrivateKey(forge.pki.privateKeyToPem(bag.key));
  // forge reads RSA keys only; any other key is left as its PKCS#8 structure.
  if (bag?.asn1) return createPrivateKey({ key: toDer(bag.asn1), format: 'der', type: 'pkcs8' });
  throw new PdfError('certificate_no_key', {
    en: 'The certificate file holds no private key.',
    nl: 'Het certificaatbestand bevat geen persoonlijke sleutel.',
  });
}

function certificatesOf(pfx: forge.pkcs12.Pkcs12Pfx): Array<{ der: Buffer; x509: X509Certificate }> {
  const bagType = forge.pki.oids.certBag ?? '';
  return (pfx.getBags({ bagType })[bagType] ?? []).flatMap((bag) => {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (!asn1) return [];
    const der = toDer(asn1);
    return [{ der, x509: new X509Certificate(der) }];
  });
}
