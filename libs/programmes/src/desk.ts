// The secretariats' side: command inputs and descriptors. Readers import `@ddr/programmes`.
export * from './programme.inputs';
export * from './programme.descriptors';
export * from './programme-breakdown.types';
export * from './programme-view';
export * from './programmes.module';
