/**
 * Small edits to ONNX models, made on the protobuf bytes directly (no ONNX library exists for Node that
 * does only this). Three edits make Whisper's transformers.js export cheaper to run:
 *
 * - `dropGraphOutputs`: ONNX Runtime must keep every graph output alive until a run ends, so the encoder
 *   export that lists its six self-attention maps as outputs holds ~430 MB per window that nothing
 *   reads; without them as outputs each map is freed as soon as its layer is done.
 * - `quantizeLmHead`: the decoder computes its logits as `MatMul(x, DequantizeLinear(Wq))` with the
 *   51865-token embedding as Wq. ONNX Runtime does not constant-fold DequantizeLinear, so every decoding
 *   step expands the 26 MB uint8 matrix into a 106 MB float copy (40 ms a step without a memory arena,
 *   and 128 MB of arena kept with one). The edit computes the same product as the model's other linear
 *   layers do: `DynamicQuantizeLinear(x)` → `MatMulInteger` on the uint8 weights → scale.
 * - `chunkAttention`: the encoder's attention scores for a 30 s window are computed in slices of
 *   queries instead of two 1500×1500 maps per head at once.
 *
 * Wire format used (all length-delimited, wire type 2, unless said): ModelProto.graph = 7,
 * GraphProto.node = 1, GraphProto.output = 12, NodeProto.input = 1, .output = 2, .name = 3,
 * .op_type = 4, .attribute = 5, .domain = 7, AttributeProto.name = 1, .i = 3 (varint), .g = 6,
 * .ints = 8 (varint, repeated), .type = 20 (varint), ValueInfoProto.name = 1.
 */

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_OUTPUT = 12;
const VALUE_INFO_NAME = 1;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const NODE_DOMAIN = 7;
const ATTRIBUTE_NAME = 1;
const ATTRIBUTE_I = 3;
const ATTRIBUTE_G = 6;
const ATTRIBUTE_INTS = 8;
const ATTRIBUTE_TYPE = 20;
const ATTRIBUTE_TYPE_INT = 2;
const ATTRIBUTE_TYPE_INTS = 7;
const TENSOR_FLOAT = 1;
const VARINT = 0;
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

/** Encodes an int64 as protobuf does (a negative value as its 64-bit two's complement, 10 bytes). */
function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let rest = BigInt.asUintN(64, BigInt(value));
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
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
  return mapGraph(model, (graph) => {
    const kept: Uint8Array[] = [];
    let count = 0;
    for (const g of fields(graph)) {
      const isDropped =
        g.number === GRAPH_OUTPUT &&
        g.wireType === LENGTH_DELIMITED &&
        drop(valueInfoName(graph.subarray(g.valueStart, g.end)));
      if (isDropped) count++;
      else kept.push(graph.subarray(g.start, g.end));
    }
    return { graph: concat(kept), count };
  }).model;
}

/**
 * Applies `transform` to a model's main graph. Returns the model as it was when the transform changed
 * nothing (`edited` 0), otherwise a copy and the number of changes.
 */
function mapGraph(
  model: Uint8Array,
  transform: (graph: Uint8Array) => { graph: Uint8Array; count: number },
): { model: Uint8Array; edited: number } {
  const parts: Uint8Array[] = [];
  let edited = 0;
  let sawGraph = false;
  for (const field of fields(model)) {
    if (field.number !== MODEL_GRAPH || field.wireType !== LENGTH_DELIMITED) {
      parts.push(model.subarray(field.start, field.end));
      continue;
    }
    sawGraph = true;
    const result = transform(model.subarray(field.valueStart, field.end));
    edited += result.count;
    parts.push(lengthDelimited(MODEL_GRAPH, result.graph));
  }
  if (!sawGraph) throw new Error('Not an ONNX model: no graph found.');
  return edited ? { model: concat(parts), edited } : { model, edited };
}

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

function fieldText(bytes: Uint8Array, field: Field): string {
  return utf8Decoder.decode(bytes.subarray(field.valueStart, field.end));
}

function stringField(number: number, value: string): Uint8Array {
  return lengthDelimited(number, utf8Encoder.encode(value));
}

function varintField(number: number, value: number): Uint8Array {
  return new Uint8Array([...encodeVarint(number * 8 + VARINT), ...encodeVarint(value)]);
}

interface NodeInfo {
  /** The node's whole field in its graph, tag included. */
  bytes: Uint8Array;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  /** The node's attribute fields as they are, tag included. */
  attributes: Uint8Array[];
}

function readNode(graph: Uint8Array, field: Field): NodeInfo {
  const payload = graph.subarray(field.valueStart, field.end);
  const node: NodeInfo = {
    bytes: graph.subarray(field.start, field.end),
    opType: '',
    domain: '',
    inputs: [],
    outputs: [],
    attributes: [],
  };
  for (const f of fields(payload)) {
    if (f.wireType !== LENGTH_DELIMITED) continue;
    if (f.number === NODE_INPUT) node.inputs.push(fieldText(payload, f));
    else if (f.number === NODE_OUTPUT) node.outputs.push(fieldText(payload, f));
    else if (f.number === NODE_OP_TYPE) node.opType = fieldText(payload, f);
    else if (f.number === NODE_DOMAIN) node.domain = fieldText(payload, f);
    else if (f.number === NODE_ATTRIBUTE) node.attributes.push(payload.subarray(f.start, f.end));
  }
  return node;
}

function intAttribute(name: string, value: number): Uint8Array {
  return lengthDelimited(
    NODE_ATTRIBUTE,
    concat([
      stringField(ATTRIBUTE_NAME, name),
      varintField(ATTRIBUTE_I, value),
      varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT),
    ]),
  );
}

function intsAttribute(name: string, values: number[]): Uint8Array {
  return lengthDelimited(
    NODE_ATTRIBUTE,
    concat([
      stringField(ATTRIBUTE_NAME, name),
      ...values.map((value) => varintField(ATTRIBUTE_INTS, value)),
      varintField(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS),
    ]),
  );
}

/** A new node of the default ONNX domain, as a GraphProto.node field. */
function nodeField(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attributes: Uint8Array[] = [],
): Uint8Array {
  return lengthDelimited(
    GRAPH_NODE,
    concat([
      ...inputs.map((input) => stringField(NODE_INPUT, input)),
      ...outputs.map((output) => stringField(NODE_OUTPUT, output)),
      stringField(NODE_NAME, name),
      stringField(NODE_OP_TYPE, opType),
      ...attributes,
    ]),
  );
}

/** One graph's nodes and how its values are used, for an edit to plan on. */
interface GraphView {
  nodes: NodeInfo[];
  /** Names of the graph's outputs. */
  outputs: Set<string>;
  producer: Map<string, NodeInfo>;
  /** Value name → the nodes that read it. */
  consumers: Map<string, NodeInfo[]>;
}

/** An edit: the nodes to replace (by new node fields; an empty list removes the node). */
type GraphEdit = (graph: GraphView) => Map<NodeInfo, Uint8Array[]>;

function viewGraph(graph: Uint8Array): GraphView {
  const view: GraphView = {
    nodes: [],
    outputs: new Set(),
    producer: new Map(),
    consumers: new Map(),
  };
  for (const f of fields(graph)) {
    if (f.wireType !== LENGTH_DELIMITED) continue;
    if (f.number === GRAPH_NODE) view.nodes.push(readNode(graph, f));
    else if (f.number === GRAPH_OUTPUT)
      view.outputs.add(valueInfoName(graph.subarray(f.valueStart, f.end)));
  }
  for (const node of view.nodes) {
    for (const name of node.outputs) view.producer.set(name, node);
    for (const name of node.inputs) {
      const readers = view.consumers.get(name) ?? [];
      readers.push(node);
      view.consumers.set(name, readers);
    }
  }
  return view;
}

/** Applies `edit` to a graph and, when `nested`, to the graphs its nodes hold (If branches, Loop bodies). */
function editGraph(
  graph: Uint8Array,
  edit: GraphEdit,
  nested: boolean,
): { graph: Uint8Array; count: number } {
  const view = viewGraph(graph);
  const replaced = edit(view);
  let count = [...replaced.values()].filter((nodes) => nodes.length > 0).length;
  const parts: Uint8Array[] = [];
  let index = 0;
  for (const f of fields(graph)) {
    if (f.number !== GRAPH_NODE || f.wireType !== LENGTH_DELIMITED) {
      parts.push(graph.subarray(f.start, f.end));
      continue;
    }
    const node = view.nodes[index++]!;
    const replacement = replaced.get(node);
    if (replacement) {
      parts.push(...replacement);
    } else if (nested && node.attributes.some(holdsGraph)) {
      const sub = editSubgraphs(graph.subarray(f.valueStart, f.end), edit);
      count += sub.count;
      parts.push(lengthDelimited(GRAPH_NODE, sub.node));
    } else {
      parts.push(node.bytes);
    }
  }
  return { graph: concat(parts), count };
}

function holdsGraph(attribute: Uint8Array): boolean {
  const payload = [...fields(attribute)][0];
  if (!payload) return false;
  for (const f of fields(attribute.subarray(payload.valueStart, payload.end)))
    if (f.number === ATTRIBUTE_G && f.wireType === LENGTH_DELIMITED) return true;
  return false;
}

function editSubgraphs(node: Uint8Array, edit: GraphEdit): { node: Uint8Array; count: number } {
  const parts: Uint8Array[] = [];
  let count = 0;
  for (const f of fields(node)) {
    if (f.number !== NODE_ATTRIBUTE || f.wireType !== LENGTH_DELIMITED) {
      parts.push(node.subarray(f.start, f.end));
      continue;
    }
    const attribute = node.subarray(f.valueStart, f.end);
    const attributeParts: Uint8Array[] = [];
    for (const a of fields(attribute)) {
      if (a.number === ATTRIBUTE_G && a.wireType === LENGTH_DELIMITED) {
        const sub = editGraph(attribute.subarray(a.valueStart, a.end), edit, true);
        count += sub.count;
        attributeParts.push(lengthDelimited(ATTRIBUTE_G, sub.graph));
      } else {
        attributeParts.push(attribute.subarray(a.start, a.end));
      }
    }
    parts.push(lengthDelimited(NODE_ATTRIBUTE, concat(attributeParts)));
  }
  return { node: concat(parts), count };
}

/** Applies `edit` to a model's graph (see mapGraph). */
function editModel(
  model: Uint8Array,
  edit: GraphEdit,
  nested: boolean,
): { model: Uint8Array; edited: number } {
  return mapGraph(model, (graph) => editGraph(graph, edit, nested));
}

/**
 * Returns a copy of a decoder whose `logits = MatMul(x, DequantizeLinear(Transpose(Wq), scale, zeroPoint))`
 * (in the main graph or in the branches of a merged decoder's If; Wq is the uint8 token embedding) is
 * computed on quantized operands, as every other linear layer of a dynamically quantized model is:
 * `x_q = DynamicQuantizeLinear(x)`, `MatMulInteger(Wq, x_qᵀ)`, the two scales, and a transpose back.
 * Multiplying by Wq itself rather than by its transpose keeps one copy of the embedding: ONNX Runtime
 * would otherwise hold a folded transpose and a pre-packed copy of it, ~100 MB for whisper-base.
 * x must be [batch, tokens, hidden], as in the transformers.js decoder exports. `edited` counts the
 * replaced MatMuls (0: nothing matched, and the model is returned as it was).
 */
export function quantizeLmHead(
  model: Uint8Array,
  output = 'logits',
): { model: Uint8Array; edited: number } {
  return editModel(
    model,
    ({ outputs, producer, consumers }) => {
      const edits = new Map<NodeInfo, Uint8Array[]>();
      const onlyReader = (value: string | undefined): boolean =>
        value !== undefined && consumers.get(value)?.length === 1 && !outputs.has(value);
      const matmul = outputs.has(output) ? producer.get(output) : undefined;
      const dequantize = producer.get(matmul?.inputs[1] ?? '');
      const transpose = producer.get(dequantize?.inputs[0] ?? '');
      if (
        !matmul ||
        !dequantize ||
        !transpose ||
        matmul.opType !== 'MatMul' ||
        matmul.domain !== '' ||
        dequantize.opType !== 'DequantizeLinear' ||
        dequantize.domain !== '' ||
        dequantize.inputs.length !== 3 ||
        !onlyReader(matmul.inputs[1]) ||
        transpose.opType !== 'Transpose' ||
        transpose.domain !== '' ||
        transpose.attributes.length > 0 || // no perm: a 2-D transpose
        !onlyReader(dequantize.inputs[0])
      )
        return edits;
      const [, wScale, wZeroPoint] = dequantize.inputs as [string, string, string];
      const wq = transpose.inputs[0]!;
      const swap = intsAttribute('perm', [0, 2, 1]);
      const p = `${output}/integer_matmul`;
      edits.set(matmul, [
        nodeField(
          'DynamicQuantizeLinear',
          [matmul.inputs[0]!],
          [`${p}/x_q`, `${p}/x_scale`, `${p}/x_zero_point`],
          `${p}/quantize`,
        ),
        nodeField('Transpose', [`${p}/x_q`], [`${p}/x_qT`], `${p}/transpose_x`, [swap]),
        nodeField(
          'MatMulInteger',
          [wq, `${p}/x_qT`, wZeroPoint, `${p}/x_zero_point`],
          [`${p}/int32`],
          `${p}/matmul`,
        ),
        nodeField('Cast', [`${p}/int32`], [`${p}/float`], `${p}/cast`, [
          intAttribute('to', TENSOR_FLOAT),
        ]),
        nodeField('Mul', [`${p}/x_scale`, wScale], [`${p}/scale`], `${p}/scales`),
        nodeField('Mul', [`${p}/float`, `${p}/scale`], [`${p}/logitsT`], `${p}/rescale`),
        nodeField('Transpose', [`${p}/logitsT`], [output], `${p}/transpose_logits`, [swap]),
      ]);
      edits.set(dequantize, []);
      edits.set(transpose, []);
      return edits;
    },
    true,
  );
}

/**
 * Returns a copy of an encoder whose self-attention `MatMul(Softmax(MatMul(q, kᵀ)), v)` is computed in
 * `chunks` slices of queries: a 30 s Whisper window has 1500 positions, so one layer's attention
 * scores and probabilities are two 8×1500×1500 float maps (144 MB for whisper-base) at once; in slices
 * of 375 queries they are 36 MB. Every row of the softmax only sees its own query, so the result is
 * the same. Applies where the scores and probabilities are read by nothing else (the encoder's
 * attention outputs must be dropped first) and between them and the second MatMul there are only
 * Reshapes that give the probabilities back their own shape, as in the transformers.js export. The
 * query length must divide by `chunks`.
 */
export function chunkAttention(
  model: Uint8Array,
  chunks: number,
): { model: Uint8Array; edited: number } {
  return editModel(
    model,
    ({ nodes, outputs, producer, consumers }) => {
      const edits = new Map<NodeInfo, Uint8Array[]>();
      const onlyReader = (value: string): NodeInfo | undefined => {
        const readers = consumers.get(value);
        return readers?.length === 1 && !outputs.has(value) ? readers[0] : undefined;
      };
      for (const softmax of nodes) {
        if (softmax.opType !== 'Softmax' || softmax.domain !== '') continue;
        const scores = producer.get(softmax.inputs[0]!);
        if (scores?.opType !== 'MatMul' || scores.domain !== '' || !onlyReader(scores.outputs[0]!))
          continue;
        const reshapes: NodeInfo[] = [];
        let value = softmax.outputs[0]!;
        let reader = onlyReader(value);
        while (reader?.opType === 'Reshape' && reader.inputs[0] === value) {
          reshapes.push(reader);
          value = reader.outputs[0]!;
          reader = onlyReader(value);
        }
        // No reshape, or a reshape to the attention-output layout and straight back.
        if (reshapes.length !== 0 && reshapes.length !== 2) continue;
        const context = reader;
        if (context?.opType !== 'MatMul' || context.domain !== '' || context.inputs[0] !== value)
          continue;
        const [q, kT] = scores.inputs as [string, string];
        const v = context.inputs[1]!;
        const out = context.outputs[0]!;
        const p = `${out}/chunked`;
        const slice = Array.from({ length: chunks }, (_, i) => `${p}/q${i}`);
        const replacement = [
          nodeField('Split', [q], slice, `${p}/split`, [intAttribute('axis', -2)]),
        ];
        for (let i = 0; i < chunks; i++) {
          replacement.push(
            nodeField('MatMul', [slice[i]!, kT], [`${p}/scores${i}`], `${p}/scores${i}`),
            nodeField(
              'Softmax',
              [`${p}/scores${i}`],
              [`${p}/probs${i}`],
              `${p}/softmax${i}`,
              softmax.attributes,
            ),
            nodeField('MatMul', [`${p}/probs${i}`, v], [`${p}/out${i}`], `${p}/context${i}`),
          );
        }
        replacement.push(
          nodeField(
            'Concat',
            slice.map((_, i) => `${p}/out${i}`),
            [out],
            `${p}/concat`,
            [intAttribute('axis', -2)],
          ),
        );
        edits.set(context, replacement);
        for (const node of [scores, softmax, ...reshapes]) edits.set(node, []);
      }
      return edits;
    },
    false,
  );
}
