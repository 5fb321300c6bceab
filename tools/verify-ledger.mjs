#!/usr/bin/env node
/**
 * verify-ledger.mjs: check the DDR coordination ledger's proofs and checkpoints.
 *
 * This file IS the documented, self-contained verification procedure
 * (docs/ledger-verification.md explains it step by step). It duplicates, on
 * purpose, the logic of libs/ledger: canonical JSON, RFC 9162 hashing, proof
 * verification and the checkpoint signature. It imports nothing from the
 * repository or from node_modules, only Node's built-in modules, so an outside
 * auditor can read it in one sitting and run it with `node` alone (Node 18 or
 * later) without trusting any other code of the project.
 *
 * USAGE
 *   node verify-ledger.mjs inclusion   <proof.json>
 *   node verify-ledger.mjs consistency <proof.json>
 *   node verify-ledger.mjs checkpoint  <checkpoint.json> <public-key.pem>
 *   node verify-ledger.mjs log         <export.jsonl> [<checkpoint.json> <public-key.pem>]
 *
 * Prints a one-line verdict. Exit code 0: valid. 1: invalid (a proof that does
 * not verify, or a file that is not a well-formed proof or checkpoint). 2:
 * usage error (wrong arguments, unreadable file, unusable key) or any other
 * failure to reach a verdict.
 *
 * FILES (the shape of the RFC 9162 test vectors of transparency-dev/merkle;
 * hashes in standard base64 with padding, sizes as JSON numbers, other fields
 * such as "desc" ignored; "proof": null reads as an empty proof)
 *   inclusion:   {"leafIdx", "treeSize", "root", "proof": [...], and the leaf
 *                 as one or more of "leafHash" (the leaf hash), "leafData"
 *                 (the leaf bytes) or "event" (the leaf content object);
 *                 when several are given they must name the same leaf}
 *   consistency: {"size1", "size2", "root1", "root2", "proof": [...]}
 *   checkpoint:  {"origin", "size", "root", "signature"}
 *   log:         one event a line, as `ddr export --format jsonl` writes it:
 *                {"stream", "revision", "id", "type", "data", "metadata", and
 *                 optionally "leafHash"; other fields such as "position" are
 *                 ignored}, in the log's order
 *
 * LEAF ENCODING
 *   The leaf of an event is the RFC 8785 (JCS) canonical JSON, UTF-8, of
 *     {"stream", "revision", "id", "type", "data", "metadata"}
 *   exactly those six fields (no global position or commit time). JCS: no
 *   whitespace, object keys sorted by UTF-16 code units, numbers in ECMAScript
 *   Number-to-String form, strings escaped as JSON.stringify does.
 *
 * HASHING (RFC 9162 2.1.1, SHA-256)
 *   leaf hash = SHA-256(0x00 || leaf bytes)
 *   node hash = SHA-256(0x01 || left || right)
 *   empty tree root = SHA-256("")
 *
 * PROOFS: RFC 9162 2.1.3.2 (inclusion) and 2.1.4.2 (consistency), strictly:
 *   every hash 32 bytes, sizes safe non-negative integers, no extra or missing
 *   proof elements. Consistency needs 0 < size1 <= size2 (an empty tree commits
 *   to nothing); equal sizes need an empty proof and identical roots.
 *
 * HASH CHAIN (log)
 *   Each event's metadata.previousHash is the leaf hash (standard base64) of
 *   the event before it in the same stream, null at revision 0; revisions of
 *   a stream run 0, 1, 2, ... in the log's order. The log's tree root is
 *   recomputed from all leaves; with a checkpoint, the root of its first
 *   <size> leaves must be the signed root.
 *
 * CHAIN OF CUSTODY (log)
 *   The log records its own checkpoints and key rotations in the stream
 *   "ledger-checkpoints" (types CheckpointSigned and CheckpointKeyRotated,
 *   data {origin, size, root, signature, publicKey} and, for a rotation,
 *   nextPublicKey). The first one's publicKey starts the chain; each must be
 *   signed by the key the chain holds at its place, name the same origin,
 *   cover no more events than precede it and no fewer than the one before,
 *   and carry the root of the log's first <size> events. A valid rotation
 *   hands the chain to its nextPublicKey. With a checkpoint file and a key,
 *   the key must be one of the chain's, and have signed for that size.
 *
 * CHECKPOINT SIGNATURE
 *   Ed25519 over exactly these UTF-8 bytes (three lines, each ending in "\n"):
 *     <origin>\n<size in decimal>\n<root in standard base64>\n
 *   The origin may not be empty nor contain control characters; the
 *   signature is 64 bytes, base64 in the file; the key a PEM (SPKI) Ed25519
 *   public key.
 *
 * KEY ROTATION SIGNATURE
 *   Ed25519, by the outgoing key, over the checkpoint's three lines followed
 *   by a fourth: "key-rotation " and the next key's SPKI DER in standard
 *   base64, ending in "\n".
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { closeSync, createReadStream, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const HASH_SIZE = 32;

/** The proof or checkpoint is not valid: exit 1. */
class Invalid extends Error {}
/** The command line cannot be carried out: exit 2. */
class Usage extends Error {}

// ---------------------------------------------------------------- hashing

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const leafHash = (data) => sha256(Buffer.of(0x00), data);
const nodeHash = (left, right) => sha256(Buffer.of(0x01), left, right);

// ------------------------------------------------- RFC 8785 canonical JSON

// With the `u` flag this matches only unpaired surrogates, which I-JSON forbids.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function canonicalJson(value) {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Invalid('event contains a non-finite number');
    return String(value); // ECMAScript Number-to-String, as RFC 8785 requires
  }
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new Invalid('event contains a lone surrogate');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // UTF-16 code units
    return `{${keys.map((key) => `${canonicalJson(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new Invalid(`event contains a ${typeof value}`);
}

// ------------------------------------------------------ strict field reading

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 that re-encodes to itself: Node's own decoder skips junk silently. */
function base64Field(value, field) {
  if (typeof value !== 'string' || !BASE64.test(value)) throw new Invalid(`${field} is not standard base64`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) throw new Invalid(`${field} is not canonical base64`);
  return bytes;
}

function hashField(value, field) {
  const bytes = base64Field(value, field);
  if (bytes.length !== HASH_SIZE) throw new Invalid(`${field} is ${bytes.length} bytes, not ${HASH_SIZE}`);
  return bytes;
}

/** JSON numbers beyond 2^53 are rounded by the parser, so they are refused. */
function sizeField(value, field) {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Invalid(`${field} is not a non-negative integer below 2^53`);
  }
  return value;
}

function proofField(value) {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new Invalid('proof is not an array');
  return value.map((item, i) => hashField(item, `proof[${i}]`));
}

const LEAF_FIELDS = ['data', 'id', 'metadata', 'revision', 'stream', 'type'];

/** The leaf hash an inclusion file names, from leafHash, leafData and/or event. */
function leafOf(file) {
  const hashes = [];
  if (file.leafHash !== undefined) hashes.push(hashField(file.leafHash, 'leafHash'));
  if (file.leafData !== undefined) hashes.push(leafHash(base64Field(file.leafData, 'leafData')));
  if (file.event !== undefined) {
    const event = file.event;
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new Invalid('event is not an object');
    if (Object.keys(event).sort().join() !== LEAF_FIELDS.join()) {
      throw new Invalid(`event must have exactly the fields ${LEAF_FIELDS.join(', ')}`);
    }
    hashes.push(leafHash(Buffer.from(canonicalJson(event), 'utf8')));
  }
  if (hashes.length === 0) throw new Invalid('the file names no leaf (leafHash, leafData or event)');
  if (hashes.some((hash) => !hash.equals(hashes[0]))) throw new Invalid('leafHash, leafData and event disagree');
  return hashes[0];
}

// ---------------------------------------------- RFC 9162 proof verification

// Plain arithmetic instead of >> and &: sizes may exceed 2^32.
const isOdd = (n) => n % 2 === 1;
const half = (n) => Math.floor(n / 2);
const isPowerOfTwo = (n) => {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
};

/** RFC 9162 2.1.3.2. */
function verifyInclusion(leafIndex, treeSize, leaf, proof, root) {
  if (leafIndex >= treeSize) throw new Invalid(`leaf index ${leafIndex} is not below tree size ${treeSize}`);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Invalid('proof is longer than the tree is deep');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw new Invalid('proof is shorter than the tree is deep');
  if (!r.equals(root)) throw new Invalid('computed root does not match the expected root');
}

/** RFC 9162 2.1.4.2, with the equal-size and empty-tree cases made explicit. */
function verifyConsistency(size1, size2, root1, root2, proof) {
  if (size1 > size2) throw new Invalid(`size1 ${size1} is greater than size2 ${size2}`);
  if (size1 === 0) throw new Invalid('size1 is 0: an empty tree cannot be proved consistent with anything');
  if (size1 === size2) {
    if (proof.length !== 0) throw new Invalid('sizes are equal but the proof is not empty');
    if (!root1.equals(root2)) throw new Invalid('sizes are equal but the roots differ');
    return;
  }
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) throw new Invalid(`roots must be ${HASH_SIZE} bytes`);
  if (proof.length === 0) throw new Invalid('proof is empty');
  // A power-of-two old tree is a whole subtree of the new one: its root is the implicit first element.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) throw new Invalid('proof is longer than needed');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  if (sn !== 0) throw new Invalid('proof is shorter than needed');
  if (!fr.equals(root1)) throw new Invalid('computed old root does not match root1');
  if (!sr.equals(root2)) throw new Invalid('computed new root does not match root2');
}

// ------------------------------------------------------------- checkpoints

// Non-empty, no control characters (a newline would let one note pass for another), no lone surrogates.
// eslint-disable-next-line no-control-regex -- an origin must not contain control characters
const VALID_ORIGIN = /^[^\u0000-\u001f\u007f\uD800-\uDFFF]+$/u;

function checkpointBody(origin, size, root) {
  return Buffer.from(`${origin}\n${size}\n${root.toString('base64')}\n`, 'utf8');
}

// ------------------------------------------------------- chain of custody

const CHECKPOINT_STREAM = 'ledger-checkpoints';

const fingerprint = (key) =>
  sha256(key.export({ type: 'spki', format: 'der' }))
    .toString('hex')
    .slice(0, 16);

/** The signed bytes of a key rotation: the checkpoint's three lines and one naming the next key. */
function rotationBody(origin, size, root, nextKey) {
  const next = nextKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return Buffer.concat([checkpointBody(origin, size, root), Buffer.from(`key-rotation ${next}\n`, 'utf8')]);
}

function keyField(pem, field) {
  let key;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Invalid(`${field} is not a PEM public key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Invalid(`${field} is not an Ed25519 key`);
  return key;
}

/**
 * The checkpoints and key rotations the log records, followed in order: who
 * signed for which sizes. `roots` holds the log's root at each size a
 * statement names (see log()).
 */
class Custody {
  keys = []; // [{ key, from, until }]: each key and the sizes it signed for
  checkpoints = 0;
  lastSize = 0;
  origin;

  take(event, index, where, roots) {
    const { type, data } = event;
    const what = { CheckpointSigned: 'checkpoint', CheckpointKeyRotated: 'key rotation' }[type];
    if (what === undefined) throw new Invalid(`${where}: ${type} has no place in ${CHECKPOINT_STREAM}`);
    if (typeof data?.origin !== 'string' || !VALID_ORIGIN.test(data.origin)) throw new Invalid(`${where}: the ${what} has no valid origin`);
    const size = sizeField(data.size, `${where} size`);
    const root = hashField(data.root, `${where} root`);
    const signature = base64Field(data.signature, `${where} signature`);
    const signer = keyField(data.publicKey, `${where} publicKey`);
    const next = what === 'checkpoint' ? signer : keyField(data.nextPublicKey, `${where} nextPublicKey`);
    const body = what === 'checkpoint' ? checkpointBody(data.origin, size, root) : rotationBody(data.origin, size, root, next);
    if (signature.length !== 64 || !verify(null, body, signer, signature)) {
      throw new Invalid(`${where}: the ${what}'s signature does not match it and the key it names (${fingerprint(signer)})`);
    }
    if (this.keys.length === 0) this.keys.push({ key: signer, from: 0 });
    const current = this.keys[this.keys.length - 1];
    if (!signer.equals(current.key)) {
      throw new Invalid(
        `${where}: the ${what} is signed by key ${fingerprint(signer)}, which no valid key rotation introduced (the key at this point is ${fingerprint(current.key)})`,
      );
    }
    this.origin ??= data.origin;
    if (data.origin !== this.origin)
      throw new Invalid(`${where}: the ${what} names the log ${JSON.stringify(data.origin)}, not ${JSON.stringify(this.origin)}`);
    if (size > index) throw new Invalid(`${where}: the ${what} covers ${size} events, but only ${index} precede it`);
    if (size < this.lastSize) throw new Invalid(`${where}: the ${what} covers ${size} events, fewer than the one before it (${this.lastSize})`);
    if (!roots.get(size).equals(root))
      throw new Invalid(`${where}: the ${what}'s root is not the log's: its first ${size} events were altered, removed or reordered`);
    this.lastSize = size;
    if (what === 'checkpoint') this.checkpoints++;
    else {
      current.until = size;
      this.keys.push({ key: next, from: size });
    }
  }

  /** A checkpoint file of `size` signed by `key`: the key must be the chain's, for that size. */
  vouch(key, size) {
    if (this.keys.length === 0) return;
    const held = this.keys.find((k) => k.key.equals(key));
    if (!held) throw new Invalid(`the key given is none of the keys that signed the log's checkpoints (${this.describe()})`);
    if (size < held.from || size > (held.until ?? Infinity)) {
      throw new Invalid(`the key given signed the log's checkpoints of sizes ${held.from} to ${held.until}, not ${size}: it was rotated out before`);
    }
  }

  describe() {
    const keys = this.keys.map((k) => fingerprint(k.key)).join(' -> ');
    return this.keys.length === 1 ? `key ${keys}` : `keys ${keys}, each rotation signed by the key before it`;
  }
}

// ------------------------------------------------------------------ commands

function readJson(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Usage(`cannot read ${path}: ${error.message}`);
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Invalid(`${path} is not JSON`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Invalid(`${path} is not a JSON object`);
  return json;
}

function readPublicKey(path) {
  let key;
  try {
    key = createPublicKey(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Usage(`cannot read a public key from ${path}: ${error.message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Usage(`${path} is not an Ed25519 key`);
  return key;
}

function inclusion(file) {
  const leafIndex = sizeField(file.leafIdx, 'leafIdx');
  const treeSize = sizeField(file.treeSize, 'treeSize');
  const leaf = leafOf(file);
  const root = hashField(file.root, 'root');
  verifyInclusion(leafIndex, treeSize, leaf, proofField(file.proof), root);
  return `leaf ${leafIndex} is included in the tree of size ${treeSize} with root ${root.toString('base64')}`;
}

function consistency(file) {
  const size1 = sizeField(file.size1, 'size1');
  const size2 = sizeField(file.size2, 'size2');
  const root1 = base64Field(file.root1, 'root1');
  const root2 = base64Field(file.root2, 'root2');
  verifyConsistency(size1, size2, root1, root2, proofField(file.proof));
  return `the tree of size ${size1} with root ${root1.toString('base64')} is a prefix of ` + `the tree of size ${size2} with root ${root2.toString('base64')}`;
}

function checkpoint(file, publicKey) {
  if (typeof file.origin !== 'string' || !VALID_ORIGIN.test(file.origin)) {
    throw new Invalid('origin is not a non-empty string without control characters');
  }
  const size = sizeField(file.size, 'size');
  const root = hashField(file.root, 'root');
  const signature = base64Field(file.signature, 'signature');
  if (signature.length !== 64) throw new Invalid(`signature is ${signature.length} bytes, not 64`);
  if (!verify(null, checkpointBody(file.origin, size, root), publicKey, signature)) {
    throw new Invalid('signature does not match the checkpoint and key');
  }
  return `checkpoint ${JSON.stringify(file.origin)} of size ${size} with root ${root.toString('base64')} is signed by the key`;
}

/**
 * The root of a growing tree from its right edge only: the roots of the
 * perfect subtrees the size splits into (13 = 8 + 4 + 1), merged like a
 * binary counter carries, so a log of any length needs O(log n) memory.
 */
class Frontier {
  nodes = []; // [{ level, hash }], largest subtree first
  size = 0;

  append(leaf) {
    let node = { level: 0, hash: leaf };
    while (this.nodes.length > 0 && this.nodes[this.nodes.length - 1].level === node.level) {
      const left = this.nodes.pop();
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
    }
    this.nodes.push(node);
    this.size++;
  }

  root() {
    if (this.nodes.length === 0) return sha256();
    let hash = this.nodes[this.nodes.length - 1].hash;
    for (let i = this.nodes.length - 2; i >= 0; i--) hash = nodeHash(this.nodes[i].hash, hash);
    return hash;
  }
}

const readLines = (path) => createInterface({ input: createReadStream(path), crlfDelay: Infinity });

/** A first quick pass: the sizes the log's checkpoints and rotations name, whose roots the second pass keeps. */
async function statementSizes(path) {
  const sizes = new Set([0]);
  for await (const line of readLines(path)) {
    if (!line.includes(CHECKPOINT_STREAM)) continue;
    try {
      const event = JSON.parse(line);
      if (event?.stream === CHECKPOINT_STREAM && Number.isSafeInteger(event.data?.size)) sizes.add(event.data.size);
    } catch {
      // The second pass reports it, at its line.
    }
  }
  return sizes;
}

async function log(path, signed) {
  try {
    closeSync(openSync(path, 'r'));
  } catch (error) {
    throw new Usage(`cannot read ${path}: ${error.message}`);
  }
  // Streamed line by line: an export of a million events does not fit in one string.
  const wanted = await statementSizes(path);
  if (signed) wanted.add(signed.size);
  const tree = new Frontier();
  const roots = new Map([[0, tree.root()]]);
  const custody = new Custody();
  const streams = new Map(); // stream -> { revision, hash (base64) }
  let lineNo = 0;
  for await (const line of readLines(path)) {
    lineNo++;
    if (line.trim() === '') continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      throw new Invalid(`line ${lineNo} is not JSON`);
    }
    const { stream, revision, id, type, data, metadata } = event ?? {};
    if (typeof stream !== 'string' || typeof metadata !== 'object' || metadata === null) {
      throw new Invalid(`line ${lineNo} is not an exported event`);
    }
    const where = `line ${lineNo} (stream ${stream} revision ${revision})`;
    const leaf = leafHash(Buffer.from(canonicalJson({ stream, revision, id, type, data, metadata }), 'utf8'));
    if (event.leafHash !== undefined && !hashField(event.leafHash, `${where} leafHash`).equals(leaf)) {
      throw new Invalid(`${where}: the event does not hash to its leafHash`);
    }
    const before = streams.get(stream);
    const expected = before ? before.revision + 1 : 0;
    if (revision !== expected) throw new Invalid(`${where}: expected revision ${expected} of that stream`);
    if (metadata.previousHash !== (before ? before.hash : null)) {
      throw new Invalid(`${where}: previousHash is not the hash of the stream's event before it`);
    }
    if (stream === CHECKPOINT_STREAM) custody.take(event, tree.size, where, roots);
    streams.set(stream, { revision, hash: leaf.toString('base64') });
    tree.append(leaf);
    if (wanted.has(tree.size)) roots.set(tree.size, tree.root());
  }
  let summary = `the log of ${tree.size} events in ${streams.size} streams has intact hash chains and root ${tree.root().toString('base64')}`;
  if (custody.keys.length > 0) summary += `; its ${custody.checkpoints} checkpoint(s) verify, signed by ${custody.describe()}`;
  if (!signed) return summary;
  const rootAtCheckpoint = roots.get(signed.size);
  if (rootAtCheckpoint === undefined) throw new Invalid(`the log has ${tree.size} events, fewer than the checkpoint's ${signed.size}`);
  if (!rootAtCheckpoint.equals(signed.root)) {
    throw new Invalid(`the log's first ${signed.size} events do not have the checkpoint's root: they were altered, removed or reordered`);
  }
  custody.vouch(signed.key, signed.size);
  return `${summary}; its first ${signed.size} events are the checkpoint's, signed by the key`;
}

async function run(args) {
  const [command, ...rest] = args;
  const arities = { inclusion: [1], consistency: [1], checkpoint: [2], log: [1, 3] }[command];
  if (arities === undefined) throw new Usage(command ? `unknown command ${JSON.stringify(command)}` : 'no command');
  if (!arities.includes(rest.length)) throw new Usage(`${command} takes ${arities.join(' or ')} file argument(s), got ${rest.length}`);
  if (command === 'inclusion') return inclusion(readJson(rest[0]));
  if (command === 'consistency') return consistency(readJson(rest[0]));
  if (command === 'checkpoint') return checkpoint(readJson(rest[0]), readPublicKey(rest[1]));
  if (rest.length === 1) return log(rest[0]);
  const file = readJson(rest[1]);
  const key = readPublicKey(rest[2]);
  checkpoint(file, key);
  return log(rest[0], { size: file.size, root: hashField(file.root, 'root'), key });
}

const USAGE = `usage: node verify-ledger.mjs inclusion <proof.json>
       node verify-ledger.mjs consistency <proof.json>
       node verify-ledger.mjs checkpoint <checkpoint.json> <public-key.pem>
       node verify-ledger.mjs log <export.jsonl> [<checkpoint.json> <public-key.pem>]`;

try {
  console.log(`VALID: ${await run(process.argv.slice(2))}`);
  process.exitCode = 0;
} catch (error) {
  if (error instanceof Invalid) {
    console.log(`INVALID: ${error.message}`);
    process.exitCode = 1;
  } else if (error instanceof Usage) {
    console.error(`usage error: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}
