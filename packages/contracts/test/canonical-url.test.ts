import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, InvalidUrlError } from '../src/index';

describe('canonicalizeUrl', () => {
  it.each([
    [
      'lower-cases scheme and host',
      'HTTPS://GitHub.COM/vllm-project/vLLM',
      'https://github.com/vllm-project/vLLM',
    ],
    ['drops the fragment', 'https://github.com/ollama/ollama#readme', 'https://github.com/ollama/ollama'],
    ['drops a trailing slash', 'https://huggingface.co/Qwen/', 'https://huggingface.co/Qwen'],
    ['drops the slash of a bare host', 'https://ollama.com/', 'https://ollama.com'],
    [
      'drops utm_* and click identifiers',
      'https://example.org/a?utm_source=x&UTM_Medium=y&fbclid=1&gclid=2&msclkid=3',
      'https://example.org/a',
    ],
    ['drops ref and ref_src', 'https://x.com/p?ref=hn&ref_src=twsrc', 'https://x.com/p'],
    [
      'keeps other parameters, in order and as encoded',
      'https://pypistats.org/api?package=vllm&utm_campaign=z&period=month&q=a%20b',
      'https://pypistats.org/api?package=vllm&period=month&q=a%20b',
    ],
    ['keeps the path case', 'https://github.com/QwenLM/Qwen3/', 'https://github.com/QwenLM/Qwen3'],
    ['drops a default port', 'https://example.org:443/x', 'https://example.org/x'],
    ['keeps another port', 'http://example.org:8080/x', 'http://example.org:8080/x'],
    ['trims surrounding space', '  https://example.org/x  ', 'https://example.org/x'],
    ['is idempotent', 'https://github.com/ollama/ollama', 'https://github.com/ollama/ollama'],
  ])('%s', (_, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
    expect(canonicalizeUrl(expected)).toBe(expected);
  });

  it.each([
    ['ftp://example.org/file', /scheme ftp is not http or https/],
    ['mailto:someone@example.org', /scheme mailto/],
    ['github.com/ollama/ollama', /not an absolute URL/],
    ['', /not an absolute URL/],
    ['http://', /not an absolute URL/],
  ])('throws InvalidUrlError for %j', (input, message) => {
    expect(() => canonicalizeUrl(input)).toThrow(InvalidUrlError);
    expect(() => canonicalizeUrl(input)).toThrow(message);
  });
});
