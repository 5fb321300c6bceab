import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Args, Field, GraphQLModule, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';

/**
 * The graphql benchmark's baseline: the same framework and driver (NestJS 12
 * on Fastify, Mercurius) answering constants of the same shapes as the
 * benchmarked operations, with no store, token, guard or limit.
 */
@ObjectType('PathwayStep')
class ConstantStep {
  @Field() body: string;
  @Field() action: string;
  @Field() status: string;
}

@ObjectType('Instrument')
class ConstantInstrument {
  @Field(() => ID) id: string;
  @Field() kind: string;
  @Field() title: string;
  @Field() leadBody: string;
  @Field() status: string;
  @Field(() => Int) revision: number;
  @Field() proposedOn: string;
  @Field() lastActOn: string;
  @Field(() => ConstantStep, { nullable: true }) awaiting: ConstantStep | null;
}

@ObjectType('CommandResult')
class ConstantResult {
  @Field() streamId: string;
  @Field(() => Int) revision: number;
  @Field() position: string;
  @Field() replayed: boolean;
}

@InputType('RecordMilestoneInput')
class ConstantMilestoneInput {
  @Field() instrumentId: string;
  @Field() effectiveDate: string;
  @Field() milestone: string;
  @Field(() => Int, { nullable: true }) count?: number;
  @Field(() => String, { nullable: true }) place?: string;
}

const INSTRUMENT: ConstantInstrument = {
  id: 'redeployment-plan-2019-2021',
  kind: 'PLAN',
  title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
  leadBody: 'CTS',
  status: 'IN_PROGRESS',
  revision: 2,
  proposedOn: '2019-09-01',
  lastActOn: '2019-09-25',
  awaiting: { body: 'SCDS', action: 'FINAL_ADOPTION', status: 'PENDING' },
};
const RESULT: ConstantResult = { streamId: 'instrument-redeployment-plan-2019-2021', revision: 3, position: '1001', replayed: false };

@Resolver()
class ConstantResolver {
  @Query(() => ConstantInstrument, { nullable: true })
  instrument(@Args('id', { type: () => ID }) _id: string): ConstantInstrument {
    return INSTRUMENT;
  }

  @Mutation(() => ConstantResult)
  recordMilestone(@Args('input') _input: ConstantMilestoneInput): ConstantResult {
    return RESULT;
  }
}

@Controller('health')
class HealthController {
  @Get()
  check() {
    return { status: 'ok' };
  }
}

@Module({
  imports: [GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, autoSchemaFile: true, path: '/graphql', graphiql: false })],
  controllers: [HealthController],
  providers: [ConstantResolver],
})
class ConstantModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(ConstantModule, new FastifyAdapter(), { logger: ['error'] });
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
