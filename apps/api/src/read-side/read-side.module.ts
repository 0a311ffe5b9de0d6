import { Module } from '@nestjs/common';
import { ReadSideService } from './read-side.service';

/** Shared by the read endpoints: active projection version, read-your-own-writes, polling headers. */
@Module({ providers: [ReadSideService], exports: [ReadSideService] })
export class ReadSideModule {}
