import { Body, Controller, Get, Header, HttpCode, Module, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RequestContext } from '../../context/request-context';
import { CurrentRequestContext } from '../current-request-context.decorator';
import { EventStoreUnavailableError } from '../../event-store/event-store.errors';
import { ConflictError, ForbiddenError, NotFoundError } from '../api-errors';
import { HealthModule } from '../health/health.module';
import { provideReadinessCheck } from '../health/provide-readiness-check';

/** A tiny module exercising the HTTP skeleton: one route per kind of outcome. */

class SizeDto {
  @IsInt()
  @Min(1)
  width!: number;
}

export class CreateWidgetDto {
  @IsString()
  @MaxLength(10)
  name!: string;

  @IsEmail()
  email!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => SizeDto)
  size?: SizeDto;
}

/** What the leaked-details tests look for: none of it may reach a client. */
export const INTERNAL_DETAILS = 'postgres://app:hunter2@db.internal:5432/accounts';

export const probeReadiness = { healthy: true };

@Controller('probe')
class ProbeController {
  @Post('widgets')
  @HttpCode(201)
  create(@Body() widget: CreateWidgetDto, @CurrentRequestContext() context: RequestContext | undefined) {
    return { widget, isDto: widget instanceof CreateWidgetDto, requestId: context?.requestId };
  }

  @Get('widgets/:id')
  find(@Param('id') id: string): never {
    throw new NotFoundError('widget', id);
  }

  @Get('crash')
  crash(): never {
    throw new Error(`query failed on ${INTERNAL_DETAILS}`);
  }

  @Get('database-down')
  databaseDown(): never {
    throw Object.assign(new Error(`connect ECONNREFUSED to ${INTERNAL_DETAILS}`), { code: 'ECONNREFUSED' });
  }

  @Get('event-store-down')
  eventStoreDown(): never {
    throw new EventStoreUnavailableError(new Error(INTERNAL_DETAILS));
  }

  @Get('forbidden')
  forbidden(): never {
    throw new ForbiddenError();
  }

  @Get('conflict')
  conflict(): never {
    throw new ConflictError('The widget already exists.');
  }

  @Get('frameable')
  @Header('X-Frame-Options', 'SAMEORIGIN')
  frameable() {
    return { frameable: true };
  }

  @Get('address')
  address(@Req() request: FastifyRequest) {
    return { ip: request.ip };
  }

  @Get('context')
  async context(@CurrentRequestContext() context: RequestContext | undefined) {
    await nextTurn();
    return context;
  }
}

@Module({
  imports: [HealthModule],
  controllers: [ProbeController],
  providers: [
    provideReadinessCheck({
      useFactory: () => ({ name: 'probe', check: async () => ({ ok: probeReadiness.healthy, detail: { healthy: probeReadiness.healthy } }) }),
    }),
  ],
})
export class ProbeModule {}
