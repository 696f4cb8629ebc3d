/*
 * The business analyst (业务分析员, issue 11): a staff role that edits and deploys the diagrams
 * in the modeler. The role check of `accounts` is extended where it stands rather than
 * rewritten from a list, so a migration of another branch that adds a role too (the operator)
 * keeps its role whichever of the two runs first.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

/** Rewrites the role check of accounts, replacing `from` by `to` in its definition, when `when`. */
const rewrite = (when: string, from: string, to: string) => `
do $$
declare def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint
    where conname = 'accounts_role_check' and conrelid = 'accounts'::regclass;
  if ${when} then
    alter table accounts drop constraint accounts_role_check;
    execute 'alter table accounts add constraint accounts_role_check ' || replace(def, ${from}, ${to});
  end if;
end $$;
`;

const up = rewrite(`position('''analyst''' in def) = 0`, `'ARRAY['`, `'ARRAY[''analyst''::text, '`);

const down = `
delete from accounts where role = 'analyst';
${rewrite(`position('''analyst''' in def) > 0`, `'''analyst''::text, '`, `''`)}
`;

export const analystRole: Migration = {
  name: '024-analyst-role',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
