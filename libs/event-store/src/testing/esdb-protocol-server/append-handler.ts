import { Metadata, status, type sendUnaryData, type ServerErrorResponse, type ServerReadableStream } from '@grpc/grpc-js';
import type { ExpectedVersion, InMemoryLog, ProposedEvent } from './in-memory-log';
import { parseUuid, streamName } from './messages';
import { AppendReq, AppendResp, Empty } from './protocol';

/**
 * `Streams.Append`, client streaming: first the options (stream and expected
 * revision), then one proposed message per event; one answer at the end,
 * success or wrong expected version, as the client's `append` reads them.
 */
export function handleAppend(log: () => InMemoryLog) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failure: ServerErrorResponse | undefined;
    call.on('data', (request: AppendReq) => {
      if (failure) return;
      if (request.hasOptions()) {
        options = request.getOptions();
        return;
      }
      const message = request.getProposedMessage();
      if (!options || !message) {
        failure = { name: 'InvalidArgument', message: 'options must come first', code: status.INVALID_ARGUMENT };
        return;
      }
      const type = message.getMetadataMap().get('type');
      const contentType = message.getMetadataMap().get('content-type');
      const id = parseUuid(message.getId());
      if (type === undefined || contentType === undefined || id === undefined) {
        failure = missingMetadata(type === undefined ? 'type' : contentType === undefined ? 'content-type' : 'id');
        return;
      }
      proposed.push({
        id,
        type,
        contentType,
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (failure) return callback(failure);
      if (!options) return callback({ name: 'InvalidArgument', message: 'no options', code: status.INVALID_ARGUMENT });
      const expected = expectedOf(options);
      const outcome = log().append(streamName(options.getStreamIdentifier()), expected, proposed);
      callback(null, answer(outcome, expected));
    });
  };
}

function expectedOf(options: AppendReq.Options): ExpectedVersion {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: Number(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
}

function answer(outcome: ReturnType<InMemoryLog['append']>, expected: ExpectedVersion): AppendResp {
  const response = new AppendResp();
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision >= 0) wrong.setCurrentRevision(String(outcome.currentRevision));
    else wrong.setCurrentNoStream(new Empty());
    if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedAny(new Empty());
    response.setWrongExpectedVersion(wrong);
    return response;
  }
  const success = new AppendResp.Success();
  if (outcome.kind === 'nothing') {
    if (outcome.currentRevision >= 0) success.setCurrentRevision(String(outcome.currentRevision));
    else success.setNoStream(new Empty());
    success.setNoPosition(new Empty());
  } else {
    success.setCurrentRevision(String(outcome.lastRevision));
    // Like the server, the commit position of the write's last record, in both fields.
    const position = new AppendResp.Position();
    position.setCommitPosition(String(outcome.logPosition));
    position.setPreparePosition(String(outcome.logPosition));
    success.setPosition(position);
  }
  response.setSuccess(success);
  return response;
}

/** The error the server raises for a proposed event without a required metadata entry. */
function missingMetadata(property: string): ServerErrorResponse {
  const metadata = new Metadata();
  metadata.set('exception', 'missing-required-metadata-property');
  metadata.set('required-metadata-properties', property);
  return { name: 'InvalidArgument', message: `missing ${property}`, code: status.INVALID_ARGUMENT, metadata };
}
