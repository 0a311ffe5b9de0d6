import { Fragment } from 'preact';
import { hrefOf } from '../route';

/** A party as a claim names it: a country, narrowed to an entity of it (a person, company or body). */
export interface PartyRef {
  country: string;
  entity?: { name: string };
}

/** `CN (Xi’an Bingo …)`, the entity's name a link to its entity page (`#/entity/<name>`, a name the directory holds). */
export function PartyText({ party }: { party: PartyRef | undefined }) {
  if (!party) return null;
  return (
    <>
      {party.country}
      {party.entity?.name && (
        <>
          {' ('}
          <a href={hrefOf({ page: 'entity', name: party.entity.name })}>{party.entity.name}</a>)
        </>
      )}
    </>
  );
}

/** Parties separated by commas, each as {@link PartyText}. */
export function PartyList({ parties }: { parties: PartyRef[] }) {
  return (
    <>
      {parties.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          <PartyText party={p} />
        </Fragment>
      ))}
    </>
  );
}
