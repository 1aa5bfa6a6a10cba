import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { FeedRefused, fetchFeed } from './feed-fetcher';

const FEED = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
const none = { etag: null, lastModified: null };

describe('fetching a calendar feed', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/moved') response.writeHead(302, { location: '/feed.ics' }).end();
      else if (request.url === '/loop') response.writeHead(302, { location: '/loop' }).end();
      else response.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"' }).end(FEED);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses a feed on a private or local address, naming it, before sending anything', async () => {
    const refused = fetchFeed(`${base}/feed.ics`, none, { allowPrivate: false });
    await expect(refused).rejects.toBeInstanceOf(FeedRefused);
    await expect(refused).rejects.toThrow('the host 127.0.0.1 is a private or local address (127.0.0.1)');
    await expect(
      fetchFeed('http://169.254.169.254/latest/meta-data', none, { allowPrivate: false }),
    ).rejects.toThrow(/private or local address/);
  });

  it('follows redirects (each hop checked like the first), up to five', async () => {
    expect(await fetchFeed(`${base}/moved`, none, { allowPrivate: true })).toEqual({
      kind: 'feed',
      text: FEED,
      etag: '"v1"',
      lastModified: null,
    });
    await expect(fetchFeed(`${base}/loop`, none, { allowPrivate: true })).rejects.toThrow(
      'the calendar server redirected more than 5 times',
    );
  });
});
