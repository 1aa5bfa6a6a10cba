import { isPrivateAddress, privateAddressRefusal } from './public-address';

describe('private addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('names the host and the address of a refused URL, and passes a public one', async () => {
    expect(await privateAddressRefusal(new URL('http://127.0.0.1:8080/feed.ics'))).toBe(
      'the host 127.0.0.1 is a private or local address (127.0.0.1), which is not allowed',
    );
    expect(await privateAddressRefusal(new URL('http://[::1]/feed.ics'))).toMatch(
      /private or local address \(::1\)/,
    );
    expect(await privateAddressRefusal(new URL('http://localhost/feed.ics'))).toMatch(
      /private or local address/,
    );
    expect(await privateAddressRefusal(new URL('https://93.184.216.34/feed.ics'))).toBeNull();
  });
});
