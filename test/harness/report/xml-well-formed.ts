/**
 * A small XML 1.0 well-formedness checker for the JUnit tests: balanced tags, one root, quoted attributes,
 * only the five predefined or numeric entities, no raw `<` or `&` in text, no `]]>` in text. Returns the parsed
 * tree (attributes and text decoded) so tests can read values back. Throws with the offset on the first fault.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9A-Fa-f]+));/y;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    const ch = raw[i] ?? '';
    if (ch === '<') throw new Error(`raw '<' at ${at + i}`);
    if (ch !== '&') {
      out += ch;
      i += 1;
      continue;
    }
    ENTITY.lastIndex = i;
    const match = ENTITY.exec(raw);
    if (!match) throw new Error(`bad entity at ${at + i}: ${raw.slice(i, i + 10)}`);
    out += match[1] ? (PREDEFINED[match[1]] ?? '') : String.fromCodePoint(match[2] ? Number(match[2]) : parseInt(match[3] ?? '0', 16));
    i += match[0].length;
  }
  return out;
}

/** Parses `xml`, throwing on the first well-formedness fault; returns the root element. */
export function parseWellFormedXml(xml: string): XmlElement {
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    const rawText = xml.slice(i, textEnd);
    if (rawText.includes(']]>')) throw new Error(`']]>' in text at ${i}`);
    const text = decode(rawText, i);
    const parent = stack[stack.length - 1];
    if (parent) parent.text += text;
    else if (text.trim() !== '') throw new Error(`text outside the root at ${i}`);
    if (lt < 0) break;
    const close = xml.indexOf('>', lt);
    if (close < 0) throw new Error(`unterminated tag at ${lt}`);
    const tag = xml.slice(lt + 1, close);
    i = close + 1;
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`mismatched </${tag.slice(1)}> at ${lt}`);
      continue;
    }
    if (tag.startsWith('!') || tag.startsWith('?')) throw new Error(`unexpected markup <${tag.slice(0, 10)} at ${lt}`);
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag name at ${lt}`);
    const element: XmlElement = { name, attributes: {}, children: [], text: '' };
    let rest = body.slice(name.length);
    while (rest.trim() !== '') {
      const attr = /^\s+([A-Za-z_:][\w.:-]*)="([^"]*)"/.exec(rest);
      if (!attr || attr[1] === undefined || attr[2] === undefined) throw new Error(`bad attribute near ${lt}: ${rest.slice(0, 20)}`);
      if (attr[1] in element.attributes) throw new Error(`duplicate attribute ${attr[1]} at ${lt}`);
      element.attributes[attr[1]] = decode(attr[2], lt);
      rest = rest.slice(attr[0].length);
    }
    const top = stack[stack.length - 1];
    if (top) top.children.push(element);
    else if (root) throw new Error(`second root element at ${lt}`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}
