export * from '../generated-history';
export * from './read-model-dump';
