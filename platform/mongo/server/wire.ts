/**
 * MongoDB wire protocol: message framing and the three opcodes the official
 * driver uses against a modern server.
 *
 * - OP_QUERY (2004) → OP_REPLY (1): only the connection handshake
 *   (`hello`/`isMaster` on `admin.$cmd`), sent before the driver knows the
 *   server speaks OP_MSG.
 * - OP_MSG (2013) both ways: everything else. A request is one kind-0 body
 *   section plus optional kind-1 document sequences (the driver ships
 *   `documents`/`updates`/`deletes` that way); sequences are merged into the
 *   body so command handlers see a single document.
 *
 * Every header is little-endian: messageLength, requestID, responseTo, opCode.
 * Anything malformed raises WireProtocolError; the connection is then closed,
 * because after a framing error the byte stream cannot be trusted.
 */
import { BSON, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_COMPRESSED = 2012;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;
const HEADER_SIZE = 16;

const MSG_CHECKSUM_PRESENT = 1 << 0;
const MSG_MORE_TO_COME = 1 << 1;

export class WireProtocolError extends Error {
  override name = 'WireProtocolError';
}

export interface OpMsgRequest {
  opCode: typeof OP_MSG;
  requestId: number;
  /** Client set moreToCome: it expects no reply (unacknowledged writes). */
  moreToCome: boolean;
  body: Document;
}

export interface OpQueryRequest {
  opCode: typeof OP_QUERY;
  requestId: number;
  fullCollectionName: string;
  query: Document;
}

export type WireRequest = OpMsgRequest | OpQueryRequest;

/** Splits a TCP byte stream into whole messages without quadratic re-copying. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private size = 0;

  /** Adds bytes; returns every message now complete. Throws on an impossible length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      if (this.size < 4) break;
      const length = this.peekLength();
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
        throw new WireProtocolError(`invalid message length ${length}`);
      }
      if (this.size < length) break;
      messages.push(this.take(length));
    }
    return messages;
  }

  private peekLength(): number {
    let first = this.chunks[0] as Buffer;
    if (first.length < 4) {
      first = Buffer.concat(this.chunks);
      this.chunks = [first];
    }
    return first.readInt32LE(0);
  }

  private take(length: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    const message = all.subarray(0, length);
    const rest = all.subarray(length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
    return message;
  }
}

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new WireProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDocument(buf: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 5 > limit) throw new WireProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > limit || size > MAX_BSON_OBJECT_SIZE + 16 * 1024) {
    throw new WireProtocolError(`invalid BSON document size ${size}`);
  }
  try {
    return [BSON.deserialize(buf.subarray(offset, offset + size)), offset + size];
  } catch (err) {
    throw new WireProtocolError(`invalid BSON: ${(err as Error).message}`);
  }
}

/** Parses one framed message (as returned by MessageFramer). */
export function decodeMessage(buf: Buffer): WireRequest {
  const length = buf.readInt32LE(0);
  const requestId = buf.readInt32LE(4);
  const opCode = buf.readInt32LE(12);
  if (length !== buf.length) throw new WireProtocolError('message length mismatch');

  if (opCode === OP_MSG) {
    const flags = buf.readUInt32LE(HEADER_SIZE);
    const end = flags & MSG_CHECKSUM_PRESENT ? length - 4 : length;
    let offset = HEADER_SIZE + 4;
    let body: Document | undefined;
    const sequences: Array<[string, Document[]]> = [];
    while (offset < end) {
      const kind = buf.readUInt8(offset);
      offset += 1;
      if (kind === 0) {
        if (body) throw new WireProtocolError('OP_MSG with more than one body section');
        [body, offset] = readDocument(buf, offset, end);
      } else if (kind === 1) {
        if (offset + 4 > end) throw new WireProtocolError('truncated document sequence');
        const size = buf.readInt32LE(offset);
        const seqEnd = offset + size;
        if (size < 5 || seqEnd > end) throw new WireProtocolError('invalid document sequence size');
        const [identifier, docsStart] = readCString(buf, offset + 4);
        let pos = docsStart;
        const docs: Document[] = [];
        while (pos < seqEnd) {
          let doc: Document;
          [doc, pos] = readDocument(buf, pos, seqEnd);
          docs.push(doc);
        }
        sequences.push([identifier, docs]);
        offset = seqEnd;
      } else {
        throw new WireProtocolError(`unsupported OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new WireProtocolError('OP_MSG without a body section');
    for (const [identifier, docs] of sequences) {
      const existing = body[identifier];
      body[identifier] = Array.isArray(existing) ? [...existing, ...docs] : docs;
    }
    return { opCode: OP_MSG, requestId, moreToCome: (flags & MSG_MORE_TO_COME) !== 0, body };
  }

  if (opCode === OP_QUERY) {
    const [fullCollectionName, afterName] = readCString(buf, HEADER_SIZE + 4); // after the flags
    // numberToSkip and numberToReturn (8 bytes) mean nothing for commands.
    const [query] = readDocument(buf, afterName + 8, length);
    return { opCode: OP_QUERY, requestId, fullCollectionName, query };
  }

  throw new WireProtocolError(`unsupported opCode ${opCode}`);
}

let nextResponseId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(HEADER_SIZE);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextResponseId, 4);
  nextResponseId = (nextResponseId % 0x7fffffff) + 1;
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

/** OP_MSG reply: flagBits 0 and a single kind-0 section. */
export function encodeOpMsg(responseTo: number, doc: Document): Buffer {
  const body = BSON.serialize(doc);
  const prefix = Buffer.alloc(5); // flagBits (4) + section kind 0 (1)
  return Buffer.concat([header(HEADER_SIZE + prefix.length + body.length, responseTo, OP_MSG), prefix, body]);
}

/** OP_REPLY with one document, cursorID 0 (only used for command replies). */
export function encodeOpReply(responseTo: number, doc: Document): Buffer {
  const body = BSON.serialize(doc);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (8), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(HEADER_SIZE + fields.length + body.length, responseTo, OP_REPLY), fields, body]);
}
