import path from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Workspace packages are TypeScript source (their exports maps point at src/), compiled by Next.
  transpilePackages: ['@ranking/contracts'],
  // The admin app is served on its own; the workspace root holds the lockfile.
  outputFileTracingRoot: path.resolve(process.cwd(), '../..'),
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

// next-intl's request configuration (language from the `lang` cookie, messages): src/i18n/request.ts.
export default createNextIntlPlugin('./src/i18n/request.ts')(config);
