export * from './read-model-dump';
