export * from './cnddr.module';
export * from './view/registration.view';
