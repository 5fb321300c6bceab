import { Module } from '@nestjs/common';
import { ExportsController } from './exports.controller';

/** The lists as CSV for the secretariats' spreadsheets (docs/api.md, "CSV exports"). */
@Module({ controllers: [ExportsController] })
export class ExportsModule {}
