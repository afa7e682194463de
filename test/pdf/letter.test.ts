// Decision letters read back with the tools a student, an archive or an appeals board would use:
// every element SPEC.md requires, in English and Dutch, found in pdftotext's output.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PdfError } from '../../electron/pdf/errors';
import { renderDecisionLetter, type DecisionLetter, type LetterLanguage } from '../../electron/pdf/letter';
import { signaturePng } from './fixtures/images';
import { approvedLetter, rejectedLetter, UNICODE_NAMES } from './fixtures/letters';
import { layoutText, normalise, pdfFonts, pdfInfo, plainText, removeTempFolders, run } from './fixtures/readers';

afterAll(removeTempFolders);
// The first letter of a process parses the fonts (seconds on a busy two-core machine).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const rendered = new Map<string, Promise<Buffer>>();
/** Each fixture letter is rendered once per file; the tests only read it. */
function letterPdf(kind: 'approved' | 'rejected', language: LetterLanguage): Promise<Buffer> {
  const key = `${kind}-${language}`;
  let pdf = rendered.get(key);
  if (!pdf) {
    pdf = renderDecisionLetter(kind === 'approved' ? approvedLetter(language) : rejectedLetter(language));
    rendered.set(key, pdf);
  }
  return pdf;
}

/** SPEC.md, "Decision letters (PDF)": each element and the text that shows it, per language. */
const REQUIRED: Record<LetterLanguage, Array<[element: string, text: string]>> = {
  en: [
    ['1 letterhead: university', 'Leiden University'],
    ['1 letterhead: faculty', 'Faculty of Science · Leiden Institute of Advanced Computer Science'],
    ['1 letterhead: board', 'Board of Examiners of LIACS'],
    ['1 place and date of the decision', 'Leiden, 14 March 2023'],
    ['2 addressee', 'Nguyễn Thị Minh Anh'],
    ['2 student number', 's2345678'],
    ['3 decision number', '22-23 LIACS 129'],
    ['3 kind', 'Individual decision'],
    ['3 subject line', 'Subject: decision on your petition for the elective course INFOMSDR Sound Design for Interactive Media'],
    ['4 the decision', 'the Board of Examiners of LIACS approves your petition'],
    ['4 course code and title', 'INFOMSDR Sound Design for Interactive Media'],
    ['4 institution', 'Utrecht University'],
    ['4 level', 'Master level'],
    ['4 credited EC, rounded', '7.5 EC is registered as 7 EC'],
    ['5 advice reasoning', 'The course deepens the student’s work on generative sound installations'],
    ['5 rules that applied', 'Leiden University does not accept half credits, so this is rounded down to 7 EC.'],
    ['5 legal basis', 'Legal basis: article 4.3 of the Rules and Regulations of the Board of Examiners of LIACS'],
    ['6 register: approval is not admission', 'Approval is not admission: you must still register for the course and for its examination in uSis'],
    ['6 certified transcript to the coordinator', 'send a certified transcript of your grade (a signed or stamped document of results) to the education coordinator at mediatechnology@liacs.leidenuniv.nl'],
    ['6 grade conversion', 'a 5.5 becomes 5; every other grade is rounded to the nearest half point'],
    ['7 appeal term and board', 'you may lodge an appeal with the Examination Appeals Board (College van Beroep voor de Examens) of Leiden University within six weeks of the date of this decision'],
    ['7 appeal address', 'Examination Appeals Board, P.O. Box 9500, 2300 RA Leiden, The Netherlands'],
    ['8 on behalf of', 'On behalf of the Board of Examiners'],
    ['8 signatory name', 'Prof. dr. Anna de Vries'],
    ['8 signatory role', 'Chair of the Board of Examiners'],
    ['footer', 'Page 1 of 1'],
  ],
  nl: [
    ['1 briefhoofd: universiteit', 'Universiteit Leiden'],
    ['1 briefhoofd: faculteit', 'Faculteit der Wiskunde en Natuurwetenschappen'],
    ['1 briefhoofd: commissie', 'Examencommissie LIACS'],
    ['1 plaats en datum van het besluit', 'Leiden, 14 maart 2023'],
    ['2 geadresseerde', 'Nguyễn Thị Minh Anh'],
    ['2 studentnummer', 's2345678'],
    ['3 besluitnummer', '22-23 LIACS 129'],
    ['3 soort', 'Individueel besluit'],
    ['3 onderwerp', 'Onderwerp: besluit op uw verzoek om toestemming voor het keuzevak INFOMSDR Sound Design for Interactive Media'],
    ['4 het besluit', 'keurt de Examencommissie LIACS uw verzoek goed'],
    ['4 vakcode en titel', 'INFOMSDR Sound Design for Interactive Media'],
    ['4 instelling', 'Utrecht University'],
    ['4 niveau', 'Masterniveau'],
    ['4 toegekende EC, afgerond', '7,5 EC wordt geregistreerd als 7 EC'],
    ['5 motivering van het advies', 'Het vak verdiept het werk van de student aan generatieve geluidsinstallaties'],
    ['5 toegepaste regels', 'de Universiteit Leiden accepteert geen halve studiepunten, dus dit wordt naar beneden afgerond op 7 EC.'],
    ['5 grondslag', 'Grondslag: artikel 4.3 van de Regels en Richtlijnen van de Examencommissie LIACS'],
    ['6 inschrijven: goedkeuring is geen toelating', 'Goedkeuring is geen toelating: u moet zich nog in uSis inschrijven voor het vak en voor het tentamen'],
    ['6 gewaarmerkt cijferoverzicht', 'gewaarmerkt cijferoverzicht (een ondertekend of gestempeld overzicht van uw resultaten) naar de onderwijscoördinator via mediatechnology@liacs.leidenuniv.nl'],
    ['6 omzetting van cijfers', 'een 5,5 wordt een 5; elk ander cijfer wordt afgerond op het dichtstbijzijnde halve punt'],
    ['7 beroepstermijn en college', 'binnen zes weken na de datum van dit besluit beroep instellen bij het College van Beroep voor de Examens van de Universiteit Leiden'],
    ['7 adres voor beroep', 'College van Beroep voor de Examens, Postbus 9500, 2300 RA Leiden'],
    ['8 namens', 'Namens de examencommissie'],
    ['8 naam ondertekenaar', 'Prof. dr. Anna de Vries'],
    ['8 functie ondertekenaar', 'Voorzitter van de examencommissie'],
    ['voettekst', 'Pagina 1 van 1'],
  ],
};

describe.each(['en', 'nl'] as const)('an approved letter in %s', (language) => {
  it.each(REQUIRED[language])('shows %s', async (_element, text) => {
    expect(plainText(await letterPdf('approved', language))).toContain(text);
  });
});

describe('approved and rejected letters', () => {
  const NEXT_STEPS = { en: ['What you still need to do', 'Approval is not admission', 'certified transcript'], nl: ['Wat u nog moet doen', 'Goedkeuring is geen toelating', 'gewaarmerkt cijferoverzicht'] };

  it.each([
    ['en', 'the Board of Examiners of LIACS rejects your petition', '4031PRGR6 Programmeren', '200 (introductory level)', 'Дмитрий Соколов'],
    ['nl', 'wijst de Examencommissie LIACS uw verzoek af', '4031PRGR6 Programmeren', '200 (inleidend niveau)', 'Дмитрий Соколов'],
  ] as const)('a rejection in %s states it, with the course and the rules that applied', async (language, decision, course, level, name) => {
    const text = plainText(await letterPdf('rejected', language));
    for (const expected of [decision, course, level, name, 's3456789', '22-23 LIACS 130']) expect(text).toContain(expected);
    expect(text).toContain(rejectedLetter(language).reasons.findings[1]?.message[language]);
  });

  it.each(['en', 'nl'] as const)('a rejection in %s has no next steps, and nothing is registered', async (language) => {
    const text = plainText(await letterPdf('rejected', language));
    for (const step of NEXT_STEPS[language]) expect(text).not.toContain(step);
    expect(text).not.toMatch(/EC is registered as|EC wordt geregistreerd als/);
  });

  it.each(['en', 'nl'] as const)('a rejection in %s keeps the reasons and the appeal clause', async (language) => {
    const text = plainText(await letterPdf('rejected', language));
    expect(text).toContain(language === 'en' ? 'within six weeks of the date of this decision' : 'binnen zes weken na de datum van dit besluit');
    expect(text).toContain(language === 'en' ? 'Legal basis:' : 'Grondslag:');
  });
});

describe('credited EC', () => {
  const wholeCourse = (language: LetterLanguage): DecisionLetter => {
    const letter = approvedLetter(language);
    return { ...letter, course: { ...letter.course, ec: 6, creditedEc: 6 }, reasons: { ...letter.reasons, findings: [] } };
  };

  it.each([
    ['en', '7.5 EC is registered as 7 EC'],
    ['nl', '7,5 EC wordt geregistreerd als 7 EC'],
  ] as const)('says in %s that half credits are rounded down', async (language, sentence) => {
    expect(plainText(await letterPdf('approved', language))).toContain(sentence);
  });

  it.each(['en', 'nl'] as const)('in %s says nothing about rounding for whole EC', async (language) => {
    const pdf = await renderDecisionLetter(wholeCourse(language));
    expect(plainText(pdf)).not.toMatch(/EC is registered as|EC wordt geregistreerd als/);
    expect(layoutText(pdf)).toMatch(/(Credits|Studiepunten) +6 EC\n/);
  });

  it('names the rules that applied, or says that none did', async () => {
    const text = plainText(await renderDecisionLetter(wholeCourse('en')));
    expect(text).toContain('None of the restrictions of the elective-course procedure');
  });
});

describe('kinds of decision', () => {
  it.each([
    ['en', 'General decision', 'This is a general decision'],
    ['nl', 'Algemeen besluit', 'Dit is een algemeen besluit'],
  ] as const)('a general decision in %s says so', async (language, kind, sentence) => {
    const letter = approvedLetter(language);
    const text = plainText(await renderDecisionLetter({ ...letter, decision: { ...letter.decision, kind: 'general' } }));
    expect(text).toContain(kind);
    expect(text).toContain(sentence);
  });

  it.each([
    ['en', 'This decision replaces decision 22-23 LIACS 101.'],
    ['nl', 'Dit besluit vervangt besluit 22-23 LIACS 101.'],
  ] as const)('a correction in %s names the decision it replaces', async (language, sentence) => {
    const letter = approvedLetter(language);
    const text = plainText(await renderDecisionLetter({ ...letter, decision: { ...letter.decision, replacesNumber: '22-23 LIACS 101' } }));
    expect(text).toContain(sentence);
  });

  it('a course at a university of applied sciences is marked as HBO', async () => {
    const letter = approvedLetter('en');
    const text = plainText(await renderDecisionLetter({ ...letter, course: { ...letter.course, institution: 'Hogeschool voor de Kunsten Utrecht', institutionKind: 'applied_sciences' } }));
    expect(text).toContain('Hogeschool voor de Kunsten Utrecht (university of applied sciences, HBO)');
  });

  it('a Leiden course needs no grade conversion', async () => {
    const letter = approvedLetter('en');
    const text = plainText(await renderDecisionLetter({ ...letter, course: { ...letter.course, institution: 'Leiden University', institutionKind: 'leiden', level: 500, ec: 5, creditedEc: 5 } }));
    expect(text).toContain('500 (Master level)');
    expect(text).toContain('register for the course and for its examination in uSis.');
    expect(text).not.toContain('5.5 becomes 5');
  });
});

describe('fonts', () => {
  it.each(UNICODE_NAMES)('%s round-trips exactly through pdftotext', async (name) => {
    const letter = approvedLetter('en', { addressee: { name: `${name} Test`, studentNumber: 's1234567' } });
    const text = plainText(await renderDecisionLetter(letter));
    expect(text).toContain(`Dear ${name} Test,`);
  });

  it('all names at once, in names, titles and the signatory', async () => {
    const all = UNICODE_NAMES.join(' ');
    const letter = approvedLetter('nl', {
      addressee: { name: all, studentNumber: 's1234567' },
      signatory: { name: `Prof. ${all}`, role: 'Voorzitter' },
    });
    const pdf = await renderDecisionLetter({ ...letter, course: { ...letter.course, title: `Kunst ${all}` } });
    const text = plainText(pdf);
    expect(text).toContain(`Geachte ${all},`);
    expect(text).toContain(`Kunst ${all}`);
    expect(text).toContain(`Prof. ${all}`);
  });

  it('refuses a name the fonts cannot show, rather than printing empty boxes', async () => {
    const attempt = renderDecisionLetter(approvedLetter('en', { addressee: { name: '王小明 (Wang Xiaoming)', studentNumber: 's1234567' } }));
    await expect(attempt).rejects.toMatchObject({
      code: 'text_unsupported_characters',
      sentence: { en: expect.stringContaining('王 小 明'), nl: expect.stringContaining('王 小 明') },
    });
  });

  it('uses only embedded, subset fonts with a Unicode map', async () => {
    const fonts = pdfFonts(await letterPdf('approved', 'en'));
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']);
    for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true, unicode: true });
  });
});

describe('format', () => {
  it.each(['en', 'nl'] as const)('the %s letter passes qpdf --check', async (language) => {
    for (const kind of ['approved', 'rejected'] as const) {
      const result = run('qpdf', ['--check'], await letterPdf(kind, language));
      expect(result.output).toContain('No syntax or stream encoding errors found');
      expect(result.status).toBe(0);
    }
  });

  it.each([
    ['en', 'Decision 22-23 LIACS 129: elective course INFOMSDR Sound Design for Interactive Media', 'Board of Examiners of LIACS', 'Individual decision of the Board of Examiners of LIACS'],
    ['nl', 'Besluit 22-23 LIACS 129: keuzevak INFOMSDR Sound Design for Interactive Media', 'Examencommissie LIACS', 'Individueel besluit van de Examencommissie LIACS'],
  ] as const)('the %s letter has title, author and subject, and is one A4 page', async (language, title, author, subject) => {
    const info = pdfInfo(await letterPdf('approved', language));
    expect(info.Title).toBe(title);
    expect(info.Author).toBe(author);
    expect(info.Subject).toContain(subject);
    expect(info.Subject).toContain('Nguyễn Thị Minh Anh (s2345678)');
    expect(info.Keywords).toContain('22-23 LIACS 129');
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(info.Tagged).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    expect(info.CreationDate).toContain('2023');
  });

  it('identifies itself as PDF/A-3b, tagged, in the letter language', async () => {
    const raw = (await letterPdf('approved', 'nl')).toString('latin1');
    expect(raw).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(raw).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(raw).toContain('/S /GTS_PDFA1');
    expect(raw).toContain('/Lang (nl-NL)');
    expect(raw).toContain('/Marked true');
    for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'LBody']) expect(raw).toContain(`/S /${role}\n`);
  });

  it('escapes text in the XMP metadata, so "&" in a course title keeps it valid XML', async () => {
    const letter = approvedLetter('en');
    const pdf = await renderDecisionLetter({ ...letter, course: { ...letter.course, title: 'Art & Science <Lab>' } });
    const raw = pdf.toString('utf8');
    const xmp = raw.slice(raw.indexOf('<x:xmpmeta'), raw.indexOf('</x:xmpmeta>'));
    expect(xmp).toContain('Art &amp; Science &lt;Lab&gt;');
    expect(xmp).not.toContain('Art & Science');
    expect(pdfInfo(pdf).Title).toContain('Art & Science <Lab>');
  });

  it('renders the same bytes for the same letter, whatever was rendered in between', async () => {
    const first = await renderDecisionLetter(approvedLetter('en'));
    await renderDecisionLetter(rejectedLetter('nl', { addressee: { name: UNICODE_NAMES.join(' '), studentNumber: 's1111111' } }));
    const second = await renderDecisionLetter(approvedLetter('en'));
    expect(second.equals(first)).toBe(true);
  });
});

describe('long letters', () => {
  /** 2,000 characters of numbered sentences, so that a lost or doubled line would show. */
  const reasoning = (() => {
    let text = '';
    for (let n = 1; text.length < 2000; n += 1) text += `Consideration ${n} of the Media Technology Board weighs the course against the graduation project. `;
    return `${text.slice(0, 1999)}.`;
  })();
  // No hyphens: pdftotext joins a word hyphenated at the end of a line, which would hide a lost character.
  const longName = 'Αλέξανδρος Μαξιμιλιανός Κωνσταντινόπουλος Παπαδημητρίου van der Heijden Łukaszewicz';
  const longTitle = 'Advanced Topics in Computational Creativity, Generative Art and Interactive Media Installations for Public Spaces';

  const longLetter = (language: LetterLanguage): DecisionLetter => {
    const letter = approvedLetter(language);
    return {
      ...letter,
      addressee: { ...letter.addressee, name: longName },
      course: { ...letter.course, title: longTitle },
      reasons: { ...letter.reasons, adviceReasoning: reasoning },
    };
  };

  it.each([
    ['en', 'Page 1 of 2', 'Page 2 of 2', 'On behalf of the Board of Examiners'],
    ['nl', 'Pagina 1 van 2', 'Pagina 2 van 2', 'Namens de examencommissie'],
  ] as const)('in %s flow onto a second page with nothing lost', async (language, page1, page2, onBehalf) => {
    const pdf = await renderDecisionLetter(longLetter(language));
    expect(pdfInfo(pdf).Pages).toBe('2');
    const text = plainText(pdf);
    expect(text).toContain(normalise(reasoning));
    expect(text).toContain(longName);
    expect(text).toContain(longTitle);
    expect(plainText(pdf, { first: 1, last: 1 })).toContain(page1);
    const second = plainText(pdf, { first: 2, last: 2 });
    expect(second).toContain(page2);
    // The signature block is never split from its name.
    expect(second).toContain(onBehalf);
    expect(second).toContain('Prof. dr. Anna de Vries');
    expect(run('qpdf', ['--check'], pdf).status).toBe(0);
  });
});

describe('signature image', () => {
  it('is placed above the signatory', async () => {
    const pdf = await renderDecisionLetter(approvedLetter('en', { signatory: { name: 'Prof. dr. Anna de Vries', role: 'Chair', signatureImage: signaturePng() } }));
    expect(run('pdfimages', ['-list'], pdf).output).toMatch(/\n\s+1\s+0\s+image\s+240\s+80\s+gray/);
    expect(pdf.toString('latin1')).toContain('/S /Figure');
    expect(pdfInfo(pdf).Pages).toBe('1');
  });

  it.each([
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'signature_image_format'],
    ['random bytes', Buffer.from('not an image at all'), 'signature_image_format'],
    ['an empty file', Buffer.alloc(0), 'signature_image_format'],
    ['a 40 MB file', Buffer.concat([signaturePng(), Buffer.alloc(40 * 1024 * 1024)]), 'signature_image_too_large'],
  ])('refuses %s', async (_what, image, code) => {
    const attempt = renderDecisionLetter(approvedLetter('en', { signatory: { name: 'A', role: 'B', signatureImage: image } }));
    await expect(attempt).rejects.toBeInstanceOf(PdfError);
    await expect(attempt).rejects.toMatchObject({ code, sentence: { en: expect.any(String), nl: expect.any(String) } });
  });
});

describe('the Board of Examiners\' own reasoning (Awb 3:46)', () => {
  it.each([
    ['en', 'The Board of Examiners considered:'],
    ['nl', 'De examencommissie overweegt het volgende:'],
  ] as const)('is given in %s where it adds to the advice, and left out where it repeats it', async (language, intro) => {
    const own = rejectedLetter(language);
    own.reasons = { ...own.reasons, boardReasoning: 'The course overlaps with the compulsory course Advanced Algorithms.' };
    const text = normalise(await plainText(await renderDecisionLetter(own)));
    expect(text).toContain(intro);
    expect(text).toContain('overlaps with the compulsory course Advanced Algorithms.');

    const repeated = rejectedLetter(language);
    repeated.reasons = { ...repeated.reasons, boardReasoning: repeated.reasons.adviceReasoning };
    expect(normalise(await plainText(await renderDecisionLetter(repeated)))).not.toContain(intro);
  });
});
