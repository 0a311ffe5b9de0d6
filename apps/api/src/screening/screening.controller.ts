import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import type { EntrySchema } from '@tm/screening';
import { ErrorBodyDto } from '../http/error-body';
import { ApiScreeningIndex } from './api-screening-index.service';
import { ScreenNameDto } from './screening.dto';

const SCHEMA: Record<string, EntrySchema> = {
  person: 'Person',
  company: 'Organization',
  organisation: 'Organization',
  'government-body': 'Organization',
  'armed-forces': 'Organization',
  vessel: 'Vessel',
  aircraft: 'Aircraft',
  unknown: 'Unknown',
};

/** Ad-hoc screening of one name against every list in force (no alert, no event). */
@ApiTags('screening')
@Controller('v1/screening')
export class ScreeningController {
  constructor(
    private readonly index: ApiScreeningIndex,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Screen a name: ranked candidates from the lists in force, each with its score and explanation' })
  @ApiOkResponse({ description: '`{ query, alertThreshold, listVersions, candidates: [{ listId, entryId, entryName, programs, schema, matchedName, matchedNameKind, score, wouldAlert, flags, explanation }] }`' })
  @ApiBadRequestResponse({ type: ErrorBodyDto })
  async screen(@Body() body: ScreenNameDto) {
    const index = await this.index.current();
    const schema = SCHEMA[body.type ?? 'unknown'] ?? 'Unknown';
    const matches = index.screenName({ name: body.name, schema, countries: body.countries?.map((c) => c.toUpperCase()) }, { threshold: body.threshold ?? 0.7, limit: body.limit ?? 10 });
    return {
      query: { name: body.name, schema, countries: body.countries ?? [] },
      alertThreshold: this.env.SCREENING_THRESHOLD,
      listVersions: this.index.versions,
      candidates: matches.map((m) => ({
        listId: m.entry.listId,
        entryId: m.entry.entryId,
        entryName: m.entry.primaryName,
        programs: m.entry.programs,
        schema: m.entry.schema,
        matchedName: m.matchedName,
        matchedNameKind: m.matchedNameKind,
        score: m.score,
        wouldAlert: m.score >= this.env.SCREENING_THRESHOLD,
        flags: m.flags,
        explanation: m.explanation,
      })),
    };
  }
}
