/** The GraphQL input type name of each mutation's `input` argument, from the schema. */
export async function inputTypes(graphql: (query: string) => Promise<{ data?: any }>): Promise<Record<string, string>> {
  const answer = await graphql('{ __schema { mutationType { fields { name args { name type { ofType { name } } } } } } }');
  return Object.fromEntries(
    answer.data.__schema.mutationType.fields.map((field: { name: string; args: Array<{ type: { ofType: { name: string } } }> }) => [
      field.name,
      field.args[0].type.ofType.name,
    ]),
  );
}
