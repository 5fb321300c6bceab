export { EsdbProtocolServer, type EsdbProtocolServerOptions } from './esdb-protocol-server';
