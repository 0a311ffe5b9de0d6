import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { PG_POOL } from '@tm/database';
import { AlertCommands, ReportCommands, SanctionsCommands } from '@tm/domain';
import { findCommandOutcome, findPublishedCommand } from '@tm/event-store';
import { notFound } from '../http/api-exceptions';
import { uuidParam } from '../http/uuid';
import { ErrorBodyDto } from '../http/error-body';
import { CommandStatusDto } from './command-status.dto';
import { links, ROUTES } from '../http/links';
import { ApiEtagged } from '../http/api-responses';

/**
 * Links of a command to what it acts on, by its type: a report command to the report, an alert review to the alert, a
 * list import to the sanctions lists (where the list's versions show; there is no route for one list), nothing else
 * (a bulk review's aggregate is its batch, which has no route).
 */
export function commandLinks(commandType: string, aggregateId: string): CommandStatusDto['links'] {
  if (commandType === AlertCommands.ReviewAlerts.type) return {};
  if (commandType in ReportCommands) return { report: links.report(aggregateId) };
  if (commandType in AlertCommands) return { alert: links.alert(aggregateId) };
  if (commandType in SanctionsCommands) return { list: links.sanctionsLists() };
  return {};
}

/** The status of accepted commands. */
@ApiTags('commands')
@Controller(ROUTES.commands)
export class CommandsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get(':id')
  @ApiOperation({
    summary: 'What became of a command',
    description:
      'pending, succeeded (with the global positions of its events) or rejected (with the reason), and links to what it acts on.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The command id of the 202 answer' })
  @ApiOkResponse({ type: CommandStatusDto })
  @ApiEtagged()
  @ApiNotFoundResponse({ type: ErrorBodyDto, description: 'No such command was accepted' })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async status(@Param('id', uuidParam('id')) id: string): Promise<CommandStatusDto> {
    const outcome = await findCommandOutcome(this.pool, id);
    if (outcome) {
      return {
        commandId: outcome.commandId,
        commandType: outcome.commandType,
        aggregateId: outcome.aggregateId,
        status: outcome.status,
        ...(outcome.globalPositions ? { globalPositions: outcome.globalPositions } : {}),
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        processedAt: outcome.processedAt.toISOString(),
        links: commandLinks(outcome.commandType, outcome.aggregateId),
      };
    }
    const pending = await findPublishedCommand(this.pool, id);
    if (!pending) throw notFound('id', 'command', id);
    return { ...pending, status: 'pending', links: commandLinks(pending.commandType, pending.aggregateId) };
  }
}
