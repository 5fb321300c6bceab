export * from './generated-history';
