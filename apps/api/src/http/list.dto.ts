import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** The body of a list endpoint: `{ items }`. Extend it to name the schema: `class XListResponseDto extends ListOf(XDto) {}`. */
export function ListOf<Item>(item: Type<Item>, description?: string) {
  class List {
    @ApiProperty({ type: [item], description }) items!: Item[];
  }
  return List;
}

/** A page of a cursor-paginated list: its items and the cursor of the next page. */
export function CursorPageOf<Item>(item: Type<Item>) {
  class CursorPage extends ListOf(item) {
    @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' })
    nextCursor!: string | null;
  }
  return CursorPage;
}
