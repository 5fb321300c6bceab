import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { htmlSecurityHeaders } from '../html/security-headers';

/** Where `npm run build` puts the desk: dist/desk, found from dist/apps/api/src/desk (built) or apps/api/src/desk (tests). */
const DESK_DIR = [join(__dirname, '../../../../desk'), join(__dirname, '../../../../dist/desk')].find((dir) => existsSync(join(dir, 'index.html')));

const TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
const ASSET = /^[a-z-]+\.(js|css)$/;

function deskFile(file: string): string {
  if (!DESK_DIR) throw new NotFoundException('the desk is not built: run `npm run build`');
  return readFileSync(join(DESK_DIR, file), 'utf8');
}

/**
 * The desk (apps/desk): the page at `/`, its script and style under `/desk/`, its service worker at `/sw.js`
 * (at the root, so that it may keep the page at `/` for a bad link). Every file comes from this server.
 */
@Controller()
export class DeskController {
  @Get()
  page(@Res({ passthrough: true }) reply: FastifyReply): string {
    reply.headers({ ...htmlSecurityHeaders(), 'cache-control': 'no-cache' });
    reply.type('text/html; charset=utf-8');
    return deskFile('index.html');
  }

  @Get('sw.js')
  @Header('cache-control', 'no-cache')
  @Header('x-content-type-options', 'nosniff')
  serviceWorker(@Res({ passthrough: true }) reply: FastifyReply): string {
    reply.type(TYPES.js);
    return deskFile('sw.js');
  }

  // Not hashed: the service worker and no-cache revalidation keep a clerk on the version the server has.
  @Get('desk/:file')
  @Header('cache-control', 'no-cache')
  @Header('x-content-type-options', 'nosniff')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const kind = ASSET.exec(file)?.[1];
    if (!kind || file === 'sw.js' || !DESK_DIR || !existsSync(join(DESK_DIR, file))) throw new NotFoundException(`no desk file ${file}`);
    reply.type(TYPES[kind]);
    return deskFile(file);
  }
}
