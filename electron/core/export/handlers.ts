import type { DomainChannels } from '../../../shared/contract';
import type { HandlerMap } from '../handlers-types';
import { exportDocument, previewDocument } from './service';
import { documentSettings, saveDocumentSettings } from './settings';

export const exportHandlers: HandlerMap<DomainChannels<'export'>> = {
  'export.getSettings': (_input, ctx) => documentSettings(ctx.db),
  'export.saveSettings': (input, ctx) => {
    saveDocumentSettings(ctx, input);
    return { ok: true as const };
  },
  'export.preview': ({ request }, ctx) => previewDocument(ctx, request),
  'export.document': ({ request, jobId }, ctx) => exportDocument(ctx, request, jobId),
};
