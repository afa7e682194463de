import { createHash, sign, type KeyObject } from 'node:crypto';

/**
 * The CMS signature inside a PAdES signature (ETSI EN 319 142-1, baseline B): SignedData,
 * detached, signed attributes content-type, message-digest and ESS signing-certificate-v2, which
 * binds the signer's certificate into what is signed. The signing time belongs in the signature
 * dictionary (/M), not here. Written with a few DER helpers instead of node-forge's PKCS#7, which
 * can neither add signing-certificate-v2 nor keep certificates byte for byte.
 */

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

export interface CmsSigner {
  key: KeyObject;
  /** DER of the signer's certificate. */
  certificate: Buffer;
  /** DER of the other certificates in the file (issuers), sent along for validators. */
  chain: readonly Buffer[];
}

export function cadesDetached(content: Buffer, signer: CmsSigner): Buffer {
  const { issuer, serial } = issuerAndSerial(signer.certificate);
  const essCertIdV2 = seq(octets(sha256(signer.certificate)), seq(seq(tlv(0xa4, issuer)), serial));
  // DER orders a SET OF by the encodings of its members; validators re-encode and would disagree.
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    attribute(OID.signingCertificateV2, seq(seq(essCertIdV2))),
  ].sort(Buffer.compare);
  // What is signed is the attributes as a SET; the SignerInfo carries them as [0] IMPLICIT.
  const signature = sign('sha256', set(...attributes), signer.key);
  const signerInfo = seq(
    integer(1),
    seq(issuer, serial),
    seq(oid(OID.sha256)),
    tlv(0xa0, ...attributes),
    seq(oid(OID.rsaEncryption), tlv(0x05)),
    octets(signature),
  );
  const signedData = seq(
    integer(1),
    set(seq(oid(OID.sha256))),
    seq(oid(OID.data)),
    tlv(0xa0, signer.certificate, ...signer.chain),
    set(signerInfo),
  );
  return seq(oid(OID.signedData), tlv(0xa0, signedData));
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const seq = (...content: Buffer[]): Buffer => tlv(0x30, ...content);
const set = (...content: Buffer[]): Buffer => tlv(0x31, ...content);
const octets = (data: Buffer): Buffer => tlv(0x04, data);
const integer = (n: number): Buffer => tlv(0x02, Buffer.from([n]));
const attribute = (type: string, value: Buffer): Buffer => seq(oid(type), set(value));

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * first + second];
  for (const arc of rest) {
    const base128 = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) base128.unshift(0x80 | (n % 128));
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** The members of a DER SEQUENCE or SET, each as its complete encoding. */
function members(der: Buffer): Buffer[] {
  const { start, end } = extent(der, 0);
  const result: Buffer[] = [];
  for (let at = start; at < end; ) {
    const child = extent(der, at);
    result.push(der.subarray(at, child.end));
    at = child.end;
  }
  return result;
}

/** Where the content of the element at `at` starts and where the element ends. */
function extent(der: Buffer, at: number): { start: number; end: number } {
  const first = der[at + 1] ?? 0;
  if (first < 0x80) return { start: at + 2, end: at + 2 + first };
  const count = first & 0x7f;
  let size = 0;
  for (let i = 0; i < count; i += 1) size = size * 256 + (der[at + 2 + i] ?? 0);
  return { start: at + 2 + count, end: at + 2 + count + size };
}

/** The issuer name and serial number exactly as the certificate encodes them. */
function issuerAndSerial(certificate: Buffer): { issuer: Buffer; serial: Buffer } {
  const [tbs] = members(certificate);
  const fields = tbs ? members(tbs) : [];
  // TBSCertificate starts with an optional [0] version.
  const at = fields[0]?.[0] === 0xa0 ? 1 : 0;
  const serial = fields[at];
  const issuer = fields[at + 2];
  if (!serial || !issuer) throw new Error('Certificate has no issuer or serial number');
  return { issuer, serial };
}
