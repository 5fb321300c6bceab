export * from './cnddr.module';
