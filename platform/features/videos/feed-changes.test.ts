import { expect, test } from 'vitest';
import { Topic } from '@shared/protocol/events';
import { TopicAuthorizer } from '../../kernel/events/topics';
import { FEED_TOPIC } from './feed-changes';

test('the feed topic is a topic the log takes, and no caller may subscribe to it', async () => {
  expect(Topic.parse(FEED_TOPIC)).toBe(FEED_TOPIC);
  const topics = new TopicAuthorizer();
  expect(await topics.mayRead(FEED_TOPIC, null)).toBe(false);
  expect(await topics.mayRead(FEED_TOPIC, 'usr_anyone')).toBe(false);
});
