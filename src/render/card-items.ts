import { cardNumbers } from '../check/card-numbers.ts';
import type { Deck } from '../check/deck.ts';
import type { Event, Phase, Profile } from '../check/schema.ts';
import { cardBackView, eventCardView, phaseCardParts, profileCardView } from '../compose/views.ts';
import type { Subject } from './diagnostics.ts';
import type { Session } from './session.ts';

/** One printed card: which layouts draw its faces, with what data, and what it is for messages. */
export interface CardItem {
  front: { template: string; data: object };
  back: { template: string; data: object };
  /** Which card this is, `event/<id>` or `profile/<id>`, and which copy of it (reprints pick cards by these). */
  key: string;
  copy: number;
  /** Cards of one group share sheets (a phase, the profiles): a back drifting onto its neighbour shows the same colour. */
  group: string;
  subject: Subject;
  /** The back is the same for every card of its group: messages name the phase, not the card it is behind. */
  backSubject: Subject;
}

export const CARD_TEMPLATES = ['card-front', 'card-back', 'profile-card'] as const;

/** Labels the card views read by key (none: categories are the deck's own). */
export const CARD_LABEL_KEYS: readonly string[] = [];

/** Which cards a document holds: event cards are dealt per team, profile cards handed one per participant. */
export type CardSet = 'events' | 'profiles';

/** The cards of a set, events in phase order (copies side by side); lazily, so memory does not grow with the deck. */
export function* cardItems(deck: Deck, session: Session, set: CardSet): Generator<CardItem> {
  // One data object per distinct back, so each is filled and drawn once, then placed (see `Stamps`).
  const backs = new Map<string, object>();
  const uniform = deck.print.backs === 'uniform';
  const backOf = (phase: Phase | undefined) => {
    const key = phase ? (uniform ? 'uniform' : `phase:${phase.id}`) : 'profile';
    let data = backs.get(key);
    if (!data) {
      data = cardBackView(session.common, deck, {
        kind: phase ? deck.print.backs : 'profile',
        phase,
      });
      backs.set(key, data);
    }
    return data;
  };
  const meta = deck.origin('meta');
  const profileBack: Subject = { label: 'back of the profile cards', roots: { deck: meta } };
  const uniformBack: Subject = { label: 'back of the event cards', roots: { deck: meta } };
  const numbers = cardNumbers(deck);
  for (const phase of set === 'events' ? deck.phases : []) {
    const parts = phaseCardParts(deck, phase);
    const phaseBack: Subject = uniform
      ? uniformBack
      : {
          label: `card back of phase \`${phase.id}\``,
          roots: { phase: deck.origin('phase', phase.id), deck: meta },
        };
    for (const event of deck.events) {
      if (event.phase !== phase.id) continue;
      for (let copy = 1; copy <= event.copies; copy++) {
        yield {
          front: {
            template: 'card-front',
            data: eventCardView(session.common, deck, event, parts, copy, numbers.get(event.id) ?? event.id),
          },
          back: { template: 'card-back', data: backOf(phase) },
          key: `event/${event.id}`,
          copy,
          // With uniform backs nothing tells the phases apart from behind: they share sheets.
          group: uniform ? 'events' : `phase:${phase.id}`,
          subject: eventSubject(deck, event, phase, meta),
          backSubject: phaseBack,
        };
      }
    }
  }
  for (const [index, profile] of (set === 'profiles' ? deck.profiles : []).entries()) {
    yield {
      front: { template: 'profile-card', data: profileCardView(session.common, deck, profile, index) },
      back: { template: 'card-back', data: backOf(undefined) },
      key: `profile/${profile.id}`,
      copy: 1,
      group: 'profiles',
      subject: profileSubject(deck, profile, meta),
      backSubject: profileBack,
    };
  }
}

function profileSubject(deck: Deck, profile: Profile, meta: ReturnType<Deck['origin']>): Subject {
  return {
    label: `profile card \`${profile.id}\``,
    roots: { card: deck.origin('profile', profile.id), deck: meta },
  };
}

function eventSubject(deck: Deck, event: Event, phase: Phase, meta: ReturnType<Deck['origin']>): Subject {
  return {
    label: `event card \`${event.id}\``,
    roots: {
      card: deck.origin('event', event.id),
      phase: deck.origin('phase', phase.id),
      ...(event.category ? { category: deck.origin('category', event.category) } : {}),
      deck: meta,
    },
  };
}
