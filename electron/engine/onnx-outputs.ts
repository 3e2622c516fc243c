/**
 * Removes outputs from an ONNX model's graph, editing the protobuf directly (no ONNX library exists
 * for Node that does only this). ONNX Runtime must keep every graph output alive until a run ends, so
 * the Whisper encoder export that lists its six self-attention maps as outputs holds ~430 MB per
 * window that nothing reads; without them as outputs each map is freed as soon as its layer is done.
 *
 * Wire format used: ModelProto.graph is field 7, GraphProto.output is field 12 (ValueInfoProto), and
 * ValueInfoProto.name is field 1; all length-delimited (wire type 2).
 */

const MODEL_GRAPH = 7;
const GRAPH_OUTPUT = 12;
const VALUE_INFO_NAME = 1;
const LENGTH_DELIMITED = 2;

interface Field {
  number: number;
  wireType: number;
  /** Byte range of the whole field (tag included). */
  start: number;
  end: number;
  /** Payload range for length-delimited fields. */
  valueStart: number;
}

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: i + 1 };
    scale *= 128;
  }
  throw new Error('Malformed ONNX model: truncated varint.');
}

function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

function* fields(bytes: Uint8Array): Generator<Field> {
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const tag = readVarint(bytes, at);
    const number = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    at = tag.next;
    let valueStart = at;
    switch (wireType) {
      case 0:
        at = readVarint(bytes, at).next;
        break;
      case 1:
        at += 8;
        break;
      case 5:
        at += 4;
        break;
      case LENGTH_DELIMITED: {
        const length = readVarint(bytes, at);
        valueStart = length.next;
        at = length.next + length.value;
        break;
      }
      default:
        throw new Error(`Malformed ONNX model: unsupported wire type ${wireType}.`);
    }
    if (at > bytes.length) throw new Error('Malformed ONNX model: field runs past the end.');
    yield { number, wireType, start, end: at, valueStart };
  }
}

function lengthDelimited(number: number, payload: Uint8Array): Uint8Array {
  const head = [...encodeVarint(number * 8 + LENGTH_DELIMITED), ...encodeVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function valueInfoName(bytes: Uint8Array): string {
  for (const field of fields(bytes)) {
    if (field.number === VALUE_INFO_NAME && field.wireType === LENGTH_DELIMITED) {
      return new TextDecoder().decode(bytes.subarray(field.valueStart, field.end));
    }
  }
  return '';
}

/** Lists the graph output names of an ONNX model. */
export function graphOutputNames(model: Uint8Array): string[] {
  const names: string[] = [];
  for (const field of fields(model)) {
    if (field.number !== MODEL_GRAPH || field.wireType !== LENGTH_DELIMITED) continue;
    const graph = model.subarray(field.valueStart, field.end);
    for (const g of fields(graph)) {
      if (g.number === GRAPH_OUTPUT && g.wireType === LENGTH_DELIMITED)
        names.push(valueInfoName(graph.subarray(g.valueStart, g.end)));
    }
  }
  return names;
}

/** Returns a copy of `model` without the graph outputs `drop` selects. */
export function dropGraphOutputs(model: Uint8Array, drop: (name: string) => boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  let sawGraph = false;
  for (const field of fields(model)) {
    if (field.number !== MODEL_GRAPH || field.wireType !== LENGTH_DELIMITED) {
      parts.push(model.subarray(field.start, field.end));
      continue;
    }
    sawGraph = true;
    const graph = model.subarray(field.valueStart, field.end);
    const kept: Uint8Array[] = [];
    for (const g of fields(graph)) {
      const isDropped =
        g.number === GRAPH_OUTPUT &&
        g.wireType === LENGTH_DELIMITED &&
        drop(valueInfoName(graph.subarray(g.valueStart, g.end)));
      if (!isDropped) kept.push(graph.subarray(g.start, g.end));
    }
    parts.push(lengthDelimited(MODEL_GRAPH, concat(kept)));
  }
  if (!sawGraph) throw new Error('Not an ONNX model: no graph found.');
  return concat(parts);
}
