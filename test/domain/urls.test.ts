import { describe, expect, it } from 'vitest';
import { isSafeUrl, readBaseUrl } from '../../src/domain/urls.js';

describe('readBaseUrl: an http(s) address or a path, exactly as written', () => {
  const good: [string, string, string][] = [
    ['https://example.org/digest/', 'https://example.org', '/digest/'],
    ['https://example.org/digest', 'https://example.org', '/digest/'],
    ['https://example.org', 'https://example.org', '/'],
    ['http://example.org/', 'http://example.org', '/'],
    ['HTTPS://Example.ORG/Digest/', 'https://example.org', '/Digest/'],
    ['https://example.org:443/', 'https://example.org', '/'],
    ['https://example.org:8443/a//b', 'https://example.org:8443', '/a/b/'],
    ['https://127.0.0.1:8080/', 'https://127.0.0.1:8080', '/'],
    ['http://[::1]:8080/x/', 'http://[::1]:8080', '/x/'],
    ['https://xn--fiqs8s.example/', 'https://xn--fiqs8s.example', '/'],
    ['https://owner.github.io/repo-name_2.0~x/', 'https://owner.github.io', '/repo-name_2.0~x/'],
    ['https://example.org/%E6%96%87%E6%91%98/', 'https://example.org', '/%E6%96%87%E6%91%98/'],
    ['/', '', '/'],
    ['/digest', '', '/digest/'],
    ['/digest//2022/', '', '/digest/2022/'],
  ];
  it.each(good)('%s', (text, origin, path) =>
    expect(readBaseUrl(text)).toEqual({ base: { origin, path } }),
  );

  const bad: [string, string][] = [
    ['', 'it is empty'],
    ['not a url', 'it is neither an http(s) address nor a path starting with /'],
    ['example.org/digest/', 'it is neither an http(s) address nor a path starting with /'],
    ['//evil.com/', 'it starts with // and has no scheme'],
    ['ftp://example.org/', 'only http: and https: addresses can be a base URL, not "ftp:"'],
    [
      'javascript:alert(1)//',
      'only http: and https: addresses can be a base URL, not "javascript:"',
    ],
    ['file:///srv/www/', 'only http: and https: addresses can be a base URL, not "file:"'],
    ['https:example.org', '"https:" must be followed by //'],
    ['https:/example.org/', '"https:" must be followed by //'],
    ['https://', 'it has no host'],
    ['https:///digest/', 'it has no host'],
    ['https://:8080/', 'it has no host'],
    ['https://ex"ample.org/', `its host holds '"', which a host name cannot`],
    ['https://exa mple.org/', 'its host holds a space, which a host name cannot'],
    ['https://exa\nmple.org/', 'its host holds U+000A, which a host name cannot'],
    ['https://example.org\\evil.com/', 'its host holds "\\", which a host name cannot'],
    ['https://例子.中国/', 'its host holds "例", which a host name cannot'],
    [
      'https://user:pw@example.org/',
      'it holds a user name or password (…@), which must not be published',
    ],
    [
      'https://evil.com@example.org/',
      'it holds a user name or password (…@), which must not be published',
    ],
    ['https://999.1.1.1/', '"999.1.1.1" is not a valid host name, address or port'],
    ['https://example.org:99999/', '"example.org:99999" is not a valid host name, address or port'],
    ['https://example.org/digest/?x=1', 'it has a query (?…), which a base URL cannot have'],
    ['https://example.org/?', 'it has a query (?…), which a base URL cannot have'],
    ['https://example.org/#top', 'it has a fragment (#…), which a base URL cannot have'],
    ['https://example.org?x', 'it has a query (?…), which a base URL cannot have'],
    ['/digest/#x', 'it has a fragment (#…), which a base URL cannot have'],
    [
      'https://example.org/my digest/',
      'its path holds a space, which must be written percent-encoded (%20)',
    ],
    ['https://example.org/a"b/', `its path holds '"', which must be written percent-encoded (%22)`],
    [
      'https://example.org/a<b>/',
      'its path holds "<", which must be written percent-encoded (%3C)',
    ],
    ['/文摘/', 'its path holds "文", which must be written percent-encoded (%E6%96%87)'],
    ['/a\\b/', 'its path holds "\\", which must be written percent-encoded (%5C)'],
    ['/a\tb/', 'its path holds U+0009, which must be written percent-encoded (%09)'],
    ['https://example.org/100%/', 'its path holds a "%" that is not followed by two hex digits'],
    ['/digest/../', 'its path has a "." or ".." segment'],
    ['/./digest/', 'its path has a "." or ".." segment'],
  ];
  it.each(bad)('%j is refused', (text, reason) => expect(readBaseUrl(text)).toEqual({ reason }));
});

describe('isSafeUrl: http(s), mailto and relative links only', () => {
  it.each([
    ['https://example.org/a', true],
    ['http://example.org/', true],
    ['mailto:editors@example.org', true],
    ['MAILTO:editors@example.org', true],
    ['../items/a/', true],
    ['#note-1', true],
    ['//example.org/', true], // scheme-relative: the page's own scheme, http(s)
    ['ftp://ftp.example.org/notice.pdf', false],
    ['FTP://ftp.example.org/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['file:///etc/passwd', false],
    ['tel:+861012345678', false],
  ])('%s: %s', (url, safe) => expect(isSafeUrl(url)).toBe(safe));
});
