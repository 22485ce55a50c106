import { Controller, Get, Header } from '@nestjs/common';

@Controller()
export class PingController {
  /** Harbor answers the bare word, as text. */
  @Get('api/v2.0/ping')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  ping(): string {
    return 'Pong';
  }

  @Get('api/version')
  version(): { version: string } {
    return { version: 'v2.0' };
  }
}
