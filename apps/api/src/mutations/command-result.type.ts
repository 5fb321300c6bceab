import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CommandResult', { description: 'Where the command left its stream.' })
export class CommandResultType {
  @Field() streamId: string;
  @Field(() => Int) revision: number;
  @Field({ description: 'Position of the last event: pass it as minPosition to read your own write.' }) position: string;
  @Field({ description: 'True when this command id had been done already and nothing new was appended.' }) replayed: boolean;
}
