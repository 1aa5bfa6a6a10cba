import { AppConfig } from '@greenlight/config';
import { ApiKeys, TenantContext } from '@greenlight/identity';
import {
  BadRequestException,
  Controller,
  HttpCode,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Request } from 'express';
import { MailCaptureService, MailResult, MalformedMessage } from './mail-capture.service';

/**
 * Raw MIME messages (`content-type: message/rfc822`) forwarded by an inbound-mail provider, with
 * an API key holding `mail:write`. The BCC address is taken from `?recipient=` (the envelope
 * recipient, repeatable) or else from the message's Delivered-To, X-Original-To, To, Cc and Bcc;
 * only addresses of the key's own workspace count.
 */
@Controller('v1/capture')
export class MailController {
  constructor(
    private readonly mail: MailCaptureService,
    private readonly context: TenantContext,
    private readonly config: AppConfig,
  ) {}

  @ApiKeys('mail:write')
  @Post('mail')
  @HttpCode(200)
  async receive(
    @Req() request: Request,
    @Query('recipient') recipient?: string | string[],
  ): Promise<{ results: MailResult[] }> {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'message/rfc822')
      throw new UnsupportedMediaTypeException('Send the message as content-type: message/rfc822');
    const raw = await readRaw(request, this.config.capture.smtp.maxMessageBytes);
    let message;
    try {
      message = await this.mail.parse(raw);
    } catch (error) {
      if (error instanceof MalformedMessage) throw new BadRequestException(error.message);
      throw error;
    }
    const addresses = recipient ? (Array.isArray(recipient) ? recipient : [recipient]) : envelopeOf(raw);
    const recipients = await this.mail.recipientsIn(
      this.context.currentWorkspaceId(),
      addresses.slice(0, 100),
    );
    if (!recipients.length)
      throw new UnprocessableEntityException(
        'No BCC address of this workspace among the recipients (log+<token>@…)',
      );
    return { results: await this.mail.capture(message, recipients) };
  }
}

/** Recipient addresses named in the header block. */
function envelopeOf(raw: Buffer): string[] {
  const end = raw.indexOf('\r\n\r\n');
  const header = raw
    .subarray(0, end < 0 ? Math.min(raw.length, 65_536) : end)
    .toString('utf8')
    .replace(/\r?\n[ \t]+/g, ' ');
  const addresses: string[] = [];
  for (const line of header.split(/\r?\n/)) {
    const match = /^(delivered-to|x-original-to|to|cc|bcc):(.*)$/i.exec(line);
    if (match) addresses.push(...(match[2].match(/log\+[^\s<>@,;"]+@[^\s<>,;"]+/gi) ?? []));
  }
  return [...new Set(addresses)];
}

async function readRaw(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    throw new PayloadTooLargeException(`The message is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLargeException(`The message is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
