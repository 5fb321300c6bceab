/**
 * The service definitions and message classes that @eventstore/db-client
 * ships and speaks with. They are loaded from the very files the client
 * loads (its `generated/` folder), so the messages built here are instances
 * of the same classes the client's serializers check with `instanceof`.
 * Never load another client package's generated code in the same process:
 * they share one global protobuf namespace.
 */
export { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
export { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
export { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
export { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
