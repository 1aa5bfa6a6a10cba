import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** When the row was inserted: set by the database, kept to the millisecond with its time zone. */
export const CreatedAt = (): PropertyDecorator => CreateDateColumn({ type: 'timestamptz', precision: 3 });

/** When the row last changed: set on every update, kept to the millisecond with its time zone. */
export const UpdatedAt = (): PropertyDecorator => UpdateDateColumn({ type: 'timestamptz', precision: 3 });
