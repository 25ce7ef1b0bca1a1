import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../harness/report/index.ts';
import { HOSTILE, failingReport, hostileReport, noAgentReport, passingReport } from './report-fixtures.ts';
import { parseWellFormedXml, type XmlElement } from './xml-well-formed.ts';

function suiteOf(xml: string): XmlElement {
  const root = parseWellFormedXml(xml);
  expect(root.name).toBe('testsuites');
  expect(root.children.filter((c) => c.name === 'testsuite')).toHaveLength(1);
  return root.children[0] as XmlElement;
}

function cases(suite: XmlElement): XmlElement[] {
  return suite.children.filter((c) => c.name === 'testcase');
}

describe('renderJunit', () => {
  it('writes one testcase per check and no failures for a passing run', () => {
    const report = passingReport();
    const suite = suiteOf(renderJunit(report));
    expect(cases(suite)).toHaveLength(report.checks.length);
    expect(suite.attributes).toMatchObject({ tests: '11', failures: '0', errors: '0', skipped: '1', time: '1800.000' });
    expect(cases(suite).map((c) => c.attributes.name?.split(' ')[0])).toEqual(report.checks.map((c) => c.id));
  });

  it('marks failed checks as failures and inconclusive or skipped checks as skipped, with the reason', () => {
    const suite = suiteOf(renderJunit(failingReport()));
    expect(suite.attributes).toMatchObject({ failures: '2', skipped: '2' });
    const byId = new Map(cases(suite).map((c) => [c.attributes.name?.split(' ')[0], c]));
    const heap = byId.get('heap-growth')?.children[0];
    expect(heap?.name).toBe('failure');
    expect(heap?.attributes.message).toContain('above the 1 MB/min budget');
    expect(heap?.text).toContain('2.05 MB/min (budget 1 MB/min)');
    const fd = byId.get('fd-growth')?.children[0];
    expect(fd?.name).toBe('skipped');
    expect(fd?.attributes.message).toMatch(/^inconclusive: .*12 more minutes/);
    expect(byId.get('leaked-objects')?.children[0]?.attributes.message).toMatch(/^not applicable: /);
    expect(byId.get('rss-growth')?.children.map((c) => c.name)).toEqual(['system-out']);
  });

  it('stays well-formed and round-trips hostile strings (markup, ]]>, quotes, control characters)', () => {
    const xml = renderJunit(hostileReport());
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('<script');
    const suite = suiteOf(xml);
    // The control character becomes U+FFFD; everything else reads back exactly.
    expect(suite.attributes.name).toBe(`soak evil${HOSTILE.replace('\u0001', '\uFFFD')}`);
    const property = suite.children.find((c) => c.name === 'properties')?.children.find((p) => p.attributes.name === 'target');
    expect(property?.attributes.value).toBe(`node -e "${HOSTILE.replace('\u0001', '\uFFFD')}"`);
  });

  it('renders a run with no agent and a dead target', () => {
    const suite = suiteOf(renderJunit(noAgentReport()));
    expect(suite.attributes).toMatchObject({ failures: '0', skipped: '5' });
    expect(suite.children.find((c) => c.name === 'properties')?.children.find((p) => p.attributes.name === 'verdict')?.attributes.value).toBe('inconclusive');
  });
});

describe('parseWellFormedXml (the checker the JUnit tests rely on)', () => {
  it('rejects what is not well-formed', () => {
    expect(() => parseWellFormedXml('<a><b></a></b>')).toThrow(/mismatched/);
    expect(() => parseWellFormedXml('<a>x & y</a>')).toThrow(/bad entity/);
    expect(() => parseWellFormedXml('<a>x ]]> y</a>')).toThrow(/]]>/);
    expect(() => parseWellFormedXml('<a b=c/>')).toThrow(/bad attribute/);
    expect(() => parseWellFormedXml('<a/><b/>')).toThrow(/second root/);
    expect(() => parseWellFormedXml('<a>')).toThrow(/unclosed/);
    expect(parseWellFormedXml('<a b="&lt;&#65;&#x42;"><c/>t</a>')).toMatchObject({ name: 'a', attributes: { b: '<AB' }, text: 't' });
  });
});
