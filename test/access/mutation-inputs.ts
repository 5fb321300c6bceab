interface ArgType {
  kind: string;
  name: string | null;
  ofType: { name: string } | null;
}

/** Each mutation's arguments as the schema declares them, ready for an operation: `($input: X!)` and `(input: $input)`. */
export async function mutationArguments(
  graphql: (query: string) => Promise<{ data?: any }>,
): Promise<Record<string, { declared: string; passed: string; inputType: string }>> {
  const answer = await graphql('{ __schema { mutationType { fields { name args { name type { kind name ofType { name } } } } } } }');
  const fields = answer.data.__schema.mutationType.fields as Array<{ name: string; args: Array<{ name: string; type: ArgType }> }>;
  const typeName = (type: ArgType) => (type.kind === 'NON_NULL' ? `${type.ofType!.name}!` : type.name!);
  return Object.fromEntries(
    fields.map((field) => [
      field.name,
      {
        declared: field.args.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', '),
        passed: field.args.map((a) => `${a.name}: $${a.name}`).join(', '),
        inputType: field.args[0] ? (field.args[0].type.ofType?.name ?? field.args[0].type.name!) : '',
      },
    ]),
  );
}

/** The GraphQL input type name of each mutation's first argument, from the schema. */
export async function inputTypes(graphql: (query: string) => Promise<{ data?: any }>): Promise<Record<string, string>> {
  const args = await mutationArguments(graphql);
  return Object.fromEntries(Object.entries(args).map(([name, a]) => [name, a.inputType]));
}
