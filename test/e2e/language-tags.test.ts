/**
 * Language-tagged predicates over HTTP on both backends, with Dgraph's
 * answers: graphql/e2e/common/query.go's queryMultipleLangFields and
 * graphql/e2e/common/mutation.go's updateLangTagFields, on the Person of
 * Dgraph's graphql/e2e/normal/schema.graphql. A value is stored per language
 * (`Person.name@hi`), as Dgraph exports it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stopOwnCluster } from '../support/postgres.js';
import { BACKENDS, serve, type Served } from '../support/served.js';

after(stopOwnCluster);

// graphql/e2e/normal/schema.graphql
const SDL = `type Person {
    id: ID!
    name: String! @search(by: [hash])
    nameHi: String @dgraph(pred:"Person.name@hi") @search(by: [hash])
    nameZh: String @dgraph(pred:"Person.name@zh") @search(by: [hash])
    nameHiZh: String @dgraph(pred:"Person.name@hi:zh")
    nameZhHi: String @dgraph(pred:"Person.name@zh:hi")
    nameHi_Zh_Untag: String @dgraph(pred:"Person.name@hi:zh:.")
    name_Untag_AnyLang: String @dgraph(pred:"Person.name@.") @search(by: [hash])
    professionEn: String @dgraph(pred:"Person.profession@en")
}`;

const ADD = 'mutation addPerson($person: [AddPersonInput!]!) { addPerson(input: $person) { numUids } }';

for (const backend of BACKENDS) {
  describe(`language tags (${backend})`, () => {
    let served: Served;
    before(async () => { served = await serve({ backend, sdl: SDL }); });
    after(() => served.close());
    const clean = () => served.graphql('mutation { deletePerson(filter: {}) { numUids } }');

    test('queryMultipleLangFields (graphql/e2e/common/query.go)', async () => {
      const added = await served.graphql(ADD, {}, { person: [
        { name: 'Bob', professionEn: 'writer' },
        { name: 'Alice', nameHi: 'ऐलिस', professionEn: 'cricketer' },
        { name: 'Juliet', nameHi: 'जूलियट', nameZh: '朱丽叶', professionEn: 'singer' },
      ] });
      assert.equal(added.body.data?.addPerson.numUids, 3, JSON.stringify(added.body));
      const { body } = await served.graphql(`query {
        queryPerson(
          filter: { or: [ { name: { eq: "Bob" } } { nameHi: { eq: "ऐलिस" } } { nameZh: { eq: "朱丽叶" } } ] }
          order: { desc: nameHi }
        ) { name nameZh nameHi nameHiZh nameZhHi nameHi_Zh_Untag name_Untag_AnyLang professionEn }
      }`);
      assert.deepEqual(body, { data: { queryPerson: [
        { name: 'Juliet', nameZh: '朱丽叶', nameHi: 'जूलियट', nameHiZh: 'जूलियट', nameZhHi: '朱丽叶', nameHi_Zh_Untag: 'जूलियट', name_Untag_AnyLang: 'Juliet', professionEn: 'singer' },
        { name: 'Alice', nameZh: null, nameHi: 'ऐलिस', nameHiZh: 'ऐलिस', nameZhHi: 'ऐलिस', nameHi_Zh_Untag: 'ऐलिस', name_Untag_AnyLang: 'Alice', professionEn: 'cricketer' },
        { name: 'Bob', nameZh: null, nameHi: null, nameHiZh: null, nameZhHi: null, nameHi_Zh_Untag: 'Bob', name_Untag_AnyLang: 'Bob', professionEn: 'writer' },
      ] } });
      await clean();
    });

    test('updateLangTagFields (graphql/e2e/common/mutation.go)', async () => {
      await served.graphql(ADD, {}, { person: [{ name: 'Juliet', nameHi: 'जूलियट', nameZh: '朱丽叶' }] });
      const updated = await served.graphql(`mutation updatePerson {
        updatePerson(input: { filter: { nameHi: { eq: "जूलियट" } } set: { nameHi: "जूली", nameZh: "朱丽叶" } }) { numUids }
      }`);
      assert.deepEqual(updated.body, { data: { updatePerson: { numUids: 1 } } });
      const { body } = await served.graphql('query { queryPerson(filter: { name: { eq: "Juliet" } }) { name nameZh nameHi } }');
      assert.deepEqual(body, { data: { queryPerson: [{ name: 'Juliet', nameZh: '朱丽叶', nameHi: 'जूली' }] } });
      await clean();
    });

    test('`.` reads another language when there is no untagged value; has and the hash index of a tagged field', async () => {
      // Written through an import, as a Dgraph export carries them: Person.name is required in the API, not in the store.
      const imported = await served.admin('/admin/import', JSON.stringify([{ 'dgraph.type': 'Person', 'Person.name@zh': '无名' }]));
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      const { body } = await served.graphql(`{
        anyLang: queryPerson(filter: { name_Untag_AnyLang: { eq: "无名" } }) { nameZh name_Untag_AnyLang nameHi_Zh_Untag }
        has: queryPerson(filter: { has: [nameZh] }) { nameZh }
        hasNot: queryPerson(filter: { has: [nameHi] }) { nameZh }
      }`);
      assert.deepEqual(body.data, {
        anyLang: [{ nameZh: '无名', name_Untag_AnyLang: '无名', nameHi_Zh_Untag: '无名' }],
        has: [{ nameZh: '无名' }],
        hasNot: [],
      });
      await clean();
    });
  });
}
