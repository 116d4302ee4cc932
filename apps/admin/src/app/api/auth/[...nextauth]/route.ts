import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { getAuthOptions } from '@/server/auth';

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

// Options are built on first use: the shared secret may appear only once the API has started.
function handle(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, getAuthOptions()) as Promise<Response>;
}

export { handle as GET, handle as POST };
