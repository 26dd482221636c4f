/** Decides whether a caller may see a topic. `userId` is null for an anonymous socket. */
export type TopicRule = (id: string, userId: string | null) => boolean | Promise<boolean>;

/**
 * Topic authorization, pluggable per kind: the kernel knows `public` (everyone) and `user:<id>`
 * (that user only); features add theirs (`room`, `order`) with `allow()`. A kind without a rule is
 * refused.
 */
export class TopicAuthorizer {
  private readonly rules = new Map<string, TopicRule>([['user', (id, userId) => userId !== null && id === userId]]);

  allow(kind: string, rule: TopicRule): void {
    if (kind === 'public' || this.rules.has(kind)) throw new Error(`a rule for ${kind} topics is already set`);
    this.rules.set(kind, rule);
  }

  async mayRead(topic: string, userId: string | null): Promise<boolean> {
    if (topic === 'public') return true;
    const colon = topic.indexOf(':');
    const rule = colon > 0 ? this.rules.get(topic.slice(0, colon)) : undefined;
    return rule ? await rule(topic.slice(colon + 1), userId) : false;
  }
}
