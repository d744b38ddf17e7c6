import { Body, Controller, Delete, Get, NotFoundException, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../validation/zod-body.pipe.js';
import { Roles } from './roles.decorator.js';
import { TokensService } from './tokens.service.js';
import { ApiRoute } from '../http/api-route.js';

const createTokenSchema = z.object({ name: z.string().min(1).max(100), role: z.enum(['viewer', 'responder', 'admin']) }).strict();

@Controller('api/v1/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @ApiRoute('List API tokens (names, roles, creation and last use; never the token)')
  @Get()
  list() {
    return this.tokens.list();
  }

  /** The token is shown once, in this response. */
  @ApiRoute('Create an API token; the token is shown once, in this response', { body: createTokenSchema })
  @Post()
  create(@Body(new ZodPipe(createTokenSchema)) body: z.infer<typeof createTokenSchema>) {
    return this.tokens.create(body.name, body.role);
  }

  @ApiRoute('Revoke an API token at once')
  @Delete(':id')
  async revoke(@Param('id') id: string) {
    if (!(await this.tokens.revoke(id))) throw new NotFoundException(`no active token ${id}`);
    return { revoked: id };
  }
}
