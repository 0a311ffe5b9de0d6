import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { fullNameOf, NAME_PARTS_ENTITY_TYPE, namePartsOf } from '@tm/domain';
import { ENVIRONMENT, type Environment } from '@tm/platform';
import { SCHEMA_OF_ENTITY_TYPE, type EntrySchema } from '@tm/screening';
import { ErrorBodyDto } from '../http/error-body';
import { ApiScreeningIndex } from './api-screening-index.service';
import { ScreenNameDto } from './screening.dto';

/** A party type → list schema, as report screening maps it, plus `unknown`. */
const SCHEMA: Record<string, EntrySchema> = { ...SCHEMA_OF_ENTITY_TYPE, unknown: 'Unknown' };

/** Ad-hoc screening of one name (full, in parts, or both) against every list in force (no alert, no event). */
@ApiTags('screening')
@Controller('v1/screening')
export class ScreeningController {
  constructor(
    private readonly index: ApiScreeningIndex,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Screen a name: ranked candidates from the lists in force, each with its score and explanation',
    description:
      'Give `name` (the full name as written), `nameParts` (a person\'s name in parts: given, middle, patronymic, family) or both. With parts only, the name screened is "given middle patronymic family"; the parts let a family name aligned with a listed family name score higher than a swapped one.',
  })
  @ApiOkResponse({
    description:
      '`{ query: { name, nameParts?, schema, countries }, alertThreshold, listVersions, candidates: [{ listId, entryId, entryName, programs, schema, matchedName, matchedNameKind, score, wouldAlert, flags, explanation }] }`',
  })
  @ApiBadRequestResponse({
    type: ErrorBodyDto,
    description:
      'Neither name nor nameParts (nameOrNameParts), an unknown field, text with NUL or a lone surrogate (noNulCharacter, isWellFormedUnicode)',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorBodyDto,
    description:
      'A value breaking a rule, named with its path: a name over 1,000 characters (maxLength) or without a letter or digit (hasLetterOrDigit), a name part over 200 characters or without a letter (hasLetter), nameParts with a type other than person (namePartsForPersonsOnly), over 10 countries (arrayMaxSize), threshold outside [0.3, 1], a name (or its parts together) over 60 words (maxWords), limit outside 1–50, a value of the wrong JSON type',
  })
  async screen(@Body() body: ScreenNameDto) {
    const index = await this.index.current();
    const parts = body.nameParts ? namePartsOf(body.nameParts) : undefined;
    const name = body.name ?? fullNameOf(parts!);
    const schema = SCHEMA[body.type ?? (parts ? NAME_PARTS_ENTITY_TYPE : 'unknown')] ?? 'Unknown';
    const countries = body.countries?.map((c) => c.toUpperCase());
    const matches = index.screenName(
      { name, ...(parts ? { parts } : {}), schema, countries },
      { threshold: body.threshold ?? 0.7, limit: body.limit ?? 10 },
    );
    return {
      query: { name, ...(parts ? { nameParts: parts } : {}), schema, countries: countries ?? [] },
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
